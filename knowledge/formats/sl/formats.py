# Slovenian writes the day without a leading zero: 5. november 2019.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i"
