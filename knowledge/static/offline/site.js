// The header's menu and the search filters are <details>: closed on phones and
// open on wider screens. The stylesheet opens them where the browser can style a
// closed <details>; this opens them everywhere else, closes them when the screen
// narrows, and closes an open menu on Escape. Without JavaScript both still
// open and close by tap or keyboard.
(function () {
    "use strict";

    var wide = window.matchMedia("(min-width: 50.01rem)");

    // Open on wide screens; closed again when the screen narrows (a phone
    // turned upright), so that an open menu does not cover the page.
    function fitScreen() {
        document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
            details.open = wide.matches;
        });
    }

    function closeOnEscape(event) {
        if (event.key !== "Escape" || wide.matches) {
            return;
        }
        var details = event.target.closest && event.target.closest("details[data-open-wide][open]");
        if (details) {
            details.open = false;
            details.querySelector("summary").focus();
        }
    }

    function setUp() {
        if (wide.matches) {
            fitScreen();
        }
        wide.addEventListener("change", fitScreen);
        document.addEventListener("keydown", closeOnEscape);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUp);
    } else {
        setUp();
    }
}());
