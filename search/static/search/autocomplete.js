// Search suggestions as the reader types: the ARIA 1.2 combobox pattern.
// Without JavaScript the form is a plain search form. No inline script.
(function () {
    "use strict";

    var DELAY_MS = 150;
    var counter = 0;

    function setUp(container) {
        var input = container.querySelector("input[type=search]");
        var url = container.getAttribute("data-autocomplete-url");
        // Announced to screen readers, translated by the template.
        var statusText = container.getAttribute("data-autocomplete-status") || "{count}";
        if (!input || !url) {
            return;
        }
        counter += 1;
        var listId = "autocomplete-list-" + counter;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "autocomplete-list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
        list.hidden = true;
        container.appendChild(list);
        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        container.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        var timer = null;
        var active = -1;
        var entries = [];
        var lastQuery = "";
        var controller = null;

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var items = list.querySelectorAll("li");
            items.forEach(function (item, i) {
                item.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0 && items[index]) {
                input.setAttribute("aria-activedescendant", items[index].id);
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(results) {
            entries = results;
            list.textContent = "";
            results.forEach(function (entry, i) {
                var item = document.createElement("li");
                item.id = listId + "-" + i;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.textContent = entry.label;
                var kind = document.createElement("span");
                kind.className = "autocomplete-type";
                kind.textContent = entry.type_label;
                item.appendChild(kind);
                item.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    go(i);
                });
                list.appendChild(item);
            });
            if (results.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
            } else {
                close();
            }
            status.textContent = results.length ? statusText.replace("{count}", results.length) : "";
            active = -1;
        }

        function go(index) {
            var entry = entries[index];
            if (entry && entry.url && entry.url.charAt(0) === "/") {
                window.location.assign(entry.url);
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (query.length < 2) {
                render([]);
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = "AbortController" in window ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(query), {
                credentials: "same-origin",
                headers: { Accept: "application/json" },
                signal: controller ? controller.signal : undefined,
            })
                .then(function (response) {
                    return response.ok ? response.json() : { results: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        render(data.results || []);
                    }
                })
                .catch(function () {});
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });
        input.addEventListener("keydown", function (event) {
            var count = entries.length;
            if (event.key === "ArrowDown" && count) {
                event.preventDefault();
                if (list.hidden) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                highlight((active + 1) % count);
            } else if (event.key === "ArrowUp" && count) {
                event.preventDefault();
                highlight(active <= 0 ? count - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
                event.preventDefault();
                go(active);
            } else if (event.key === "Escape") {
                if (!list.hidden) {
                    event.preventDefault();
                    close();
                } else {
                    input.value = "";
                }
            }
        });
        input.addEventListener("blur", function () {
            window.setTimeout(close, 100);
        });
    }

    function init() {
        document.querySelectorAll("[data-autocomplete-url]").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
