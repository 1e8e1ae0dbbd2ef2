// Reading without a connection (docs/offline.md). One script for the page and
// the service worker: the page registers the worker, saves a document (its page
// and PDF) and lists what is saved; the worker keeps visited pages and answers
// when there is no connection. What may be kept is the server's word, in the
// headers serving/offline.py sets; nothing here guesses it.
(function () {
    "use strict";

    var STATIC_CACHE = "offline-static";
    // Pages anonymous readers visited (X-Offline-Keep), at most VISITED_LIMIT.
    var VISITED_CACHE = "offline-visited";
    // Saved by a reader who was not signed in: public documents only.
    var SAVED_CACHE = "offline-saved";
    // Saved by a signed-in member: one account's, until sign-out or expiry.
    var RESTRICTED_CACHE = "offline-restricted";
    var OUR_CACHES = [STATIC_CACHE, VISITED_CACHE, SAVED_CACHE, RESTRICTED_CACHE];
    var VISITED_LIMIT = 50;
    var KEEP = "X-Offline-Keep";
    var ACCOUNT = "X-Offline-Account";
    var EXPIRES = "X-Offline-Expires";
    // Kept with each saved copy.
    var TITLE = "X-Offline-Title";
    var SAVED_AT = "X-Offline-Saved";
    var VERSION = "X-Offline-Version";
    var DOCUMENT = "X-Offline-Document";
    var VERSION_META = /<meta name="document-version" content="([^"]*)"/;

    function isExpired(response) {
        var expires = Date.parse(response.headers.get(EXPIRES) || "");
        return !(expires > Date.now());
    }

    function eachEntry(cacheName, visit) {
        return caches.open(cacheName).then(function (cache) {
            return cache.keys().then(function (requests) {
                return Promise.all(requests.map(function (request) {
                    return cache.match(request).then(function (response) {
                        return visit(cache, request, response);
                    });
                }));
            });
        });
    }

    // Deletes members' copies past their session's expiry and, when `account`
    // is given ("" for nobody signed in), every copy another account saved.
    function purgeRestricted(account) {
        return eachEntry(RESTRICTED_CACHE, function (cache, request, response) {
            var other = account !== undefined && response.headers.get(ACCOUNT) !== account;
            if (other || isExpired(response)) {
                return cache.delete(request);
            }
            return null;
        });
    }

    // A restricted copy of `url` still within its session, or undefined.
    function restrictedCopy(url) {
        return caches.open(RESTRICTED_CACHE).then(function (cache) {
            return cache.match(url, {ignoreVary: true}).then(function (response) {
                if (response && isExpired(response)) {
                    return cache.delete(url).then(function () { return undefined; });
                }
                return response;
            });
        });
    }

    function savedCopy(url) {
        return restrictedCopy(url).then(function (response) {
            return response || caches.match(url, {cacheName: SAVED_CACHE, ignoreVary: true});
        });
    }

    // Every saved document: its page's address, title, when it was saved, the
    // version it was saved at, its PDF's address and whether it is restricted.
    function listSaved() {
        var documents = {};
        function collect(restricted) {
            return function (cache, request, response) {
                if (!response || (restricted && isExpired(response))) {
                    return null;
                }
                var page = response.headers.get(DOCUMENT);
                var entry = documents[page] || (documents[page] = {url: page, restricted: restricted});
                if (request.url === new URL(page, request.url).href) {
                    entry.title = decodeURIComponent(response.headers.get(TITLE) || "");
                    entry.saved = response.headers.get(SAVED_AT);
                    entry.version = response.headers.get(VERSION) || "";
                } else {
                    entry.pdf = request.url;
                }
                return null;
            };
        }
        return Promise.all([
            eachEntry(SAVED_CACHE, collect(false)),
            eachEntry(RESTRICTED_CACHE, collect(true)),
        ]).then(function () {
            return Object.keys(documents).map(function (key) { return documents[key]; })
                .filter(function (entry) { return entry.title !== undefined; })
                .sort(function (a, b) { return (b.saved || "").localeCompare(a.saved || ""); });
        });
    }

    // Where the server lets a reader's own copy of `response` go, or null.
    function storeFor(response) {
        // A redirect (to sign in, say) is not the page asked for.
        if (!response.ok || response.redirected) {
            return null;
        }
        if (response.headers.get(ACCOUNT)) {
            // Kept only with the end of the session it was saved in.
            return response.headers.get(EXPIRES) ? RESTRICTED_CACHE : null;
        }
        return response.headers.get(KEEP) ? SAVED_CACHE : null;
    }

    function copyOf(response, extra) {
        return response.blob().then(function (body) {
            var headers = new Headers();
            headers.set("Content-Type", response.headers.get("Content-Type") || "");
            [ACCOUNT, EXPIRES].forEach(function (name) {
                if (response.headers.get(name)) {
                    headers.set(name, response.headers.get(name));
                }
            });
            Object.keys(extra).forEach(function (name) {
                headers.set(name, extra[name]);
            });
            return new Response(body, {status: 200, headers: headers});
        });
    }

    function removeDocument(pageUrl) {
        var page = new URL(pageUrl, self.location.href).href;
        function drop(cache, request, response) {
            var owner = response && new URL(response.headers.get(DOCUMENT) || "", request.url).href;
            return owner === page ? cache.delete(request) : null;
        }
        return Promise.all([eachEntry(SAVED_CACHE, drop), eachEntry(RESTRICTED_CACHE, drop)]);
    }

    // Whether the site's answer for a page says the reader may no longer read
    // the copies kept of it: sent elsewhere (to sign in, say), refused, gone,
    // or a page no longer marked keepable. A 5xx says nothing (the site being
    // down is what offline reading is for), nor does a member's page (never
    // marked) or a saved copy, which the worker answers with offline.
    function refused(response) {
        if (response.type === "opaqueredirect" || response.redirected) {
            return true;
        }
        if (response.ok) {
            return ![KEEP, ACCOUNT, DOCUMENT].some(function (name) {
                return response.headers.get(name);
            });
        }
        return [401, 403, 404, 410].indexOf(response.status) >= 0;
    }

    // Every copy of the page at `url`: visited, and saved with its PDF.
    function forget(url) {
        return Promise.all([
            caches.open(VISITED_CACHE).then(function (cache) {
                return cache.delete(url, {ignoreVary: true});
            }),
            removeDocument(url),
        ]);
    }

    // Fetches the page and its PDF as the reader, and keeps both where the
    // server's headers allow. Resolves to the time saved; rejects if refused.
    function saveDocument(pageUrl, pdfUrl, title, version) {
        var urls = [pageUrl].concat(pdfUrl ? [pdfUrl] : []);
        var savedAt = new Date().toISOString();
        return Promise.all(urls.map(function (url) {
            return fetch(url, {credentials: "same-origin", cache: "no-store"});
        })).then(function (responses) {
            var store = storeFor(responses[0]);
            var account = responses[0].headers.get(ACCOUNT) || "";
            responses.forEach(function (response) {
                if (!store || storeFor(response) !== store
                        || (response.headers.get(ACCOUNT) || "") !== account) {
                    throw new Error("refused");
                }
            });
            var meta = {};
            meta[TITLE] = encodeURIComponent(title);
            meta[SAVED_AT] = savedAt;
            meta[VERSION] = version || "";
            meta[DOCUMENT] = pageUrl;
            // A device keeps one account's restricted copies at a time.
            var ready = store === RESTRICTED_CACHE ? purgeRestricted(account) : Promise.resolve();
            return ready.then(function () {
                return removeDocument(pageUrl);
            }).then(function () {
                return caches.open(store);
            }).then(function (cache) {
                return Promise.all(responses.map(function (response, i) {
                    return copyOf(response, meta).then(function (copy) {
                        return cache.put(urls[i], copy);
                    });
                }));
            }).then(function () { return savedAt; });
        });
    }

    // The page's side.

    function formatDate(iso) {
        return new Date(iso).toLocaleString(document.documentElement.lang || undefined, {
            dateStyle: "medium", timeStyle: "short",
        });
    }

    function text(element, name, values) {
        var template = element.getAttribute("data-text-" + name) || "";
        return template.replace(/\{(\w+)\}/g, function (match, key) {
            return key in values ? values[key] : match;
        });
    }

    function setUpSaveControl(control) {
        var button = control.querySelector("button");
        var status = control.querySelector("[role=status]");
        var page = control.getAttribute("data-page");
        var saved = false;

        function show(isSaved, message) {
            saved = isSaved;
            button.textContent = text(control, isSaved ? "remove" : "save", {});
            status.textContent = message;
        }

        listSaved().then(function (entries) {
            var entry = entries.filter(function (e) {
                return e.url === new URL(page, location.href).href;
            })[0];
            if (entry) {
                show(true, text(control, "saved", {date: formatDate(entry.saved)}));
            }
        });
        button.addEventListener("click", function () {
            button.disabled = true;
            var done = saved
                ? removeDocument(page).then(function () {
                    show(false, text(control, "removed", {}));
                })
                : saveDocument(
                    page,
                    control.getAttribute("data-pdf"),
                    control.getAttribute("data-title"),
                    control.getAttribute("data-version")
                ).then(function (savedAt) {
                    show(true, text(control, "saved", {date: formatDate(savedAt)}));
                });
            done.catch(function () {
                status.textContent = text(control, "failed", {});
            }).then(function () {
                button.disabled = false;
            });
        });
        control.hidden = false;
    }

    // Asks the site for a saved document's page: "gone" when the answer
    // refuses the reader (its copies are then removed), "newer" when a newer
    // version is online.
    function checkOnline(entry) {
        return fetch(entry.url, {credentials: "same-origin", cache: "no-store"})
            .then(function (response) {
                if (refused(response)) {
                    return forget(entry.url).then(function () { return "gone"; });
                }
                if (!response.ok) {
                    return null;
                }
                return response.text().then(function (html) {
                    var found = VERSION_META.exec(html);
                    return found && entry.version && found[1] !== entry.version ? "newer" : null;
                });
            })
            .catch(function () { return null; });
    }

    function savedItem(list, entry) {
        var item = document.createElement("li");
        var heading = document.createElement("a");
        heading.href = entry.url;
        heading.textContent = entry.title;
        heading.className = "saved-title";
        item.appendChild(heading);
        if (entry.restricted) {
            var badge = document.createElement("span");
            badge.className = "badge badge-restricted";
            badge.textContent = text(list, "restricted", {});
            item.append(" ", badge);
        }
        var meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = text(list, "saved", {date: formatDate(entry.saved)});
        if (entry.pdf) {
            var pdf = document.createElement("a");
            pdf.href = entry.pdf;
            pdf.textContent = text(list, "pdf", {});
            meta.append(" · ", pdf);
        }
        item.appendChild(meta);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button-secondary";
        remove.textContent = text(list, "remove", {title: entry.title});
        remove.setAttribute("aria-label", text(list, "remove-named", {title: entry.title}));
        remove.addEventListener("click", function () {
            removeDocument(entry.url).then(function () { showSaved(list); });
        });
        item.appendChild(remove);
        if (navigator.onLine) {
            checkOnline(entry).then(function (found) {
                if (found === "gone") {
                    item.remove();
                    showEmpty(list);
                } else if (found === "newer") {
                    var notice = document.createElement("p");
                    notice.className = "newer";
                    notice.textContent = text(list, "newer", {});
                    meta.after(notice);
                }
            });
        }
        return item;
    }

    function showSaved(list) {
        listSaved().then(function (entries) {
            list.replaceChildren.apply(list, entries.map(function (entry) {
                return savedItem(list, entry);
            }));
            showEmpty(list);
        });
    }

    function showEmpty(list) {
        var empty = document.querySelector("[data-offline-empty]");
        if (empty) {
            empty.hidden = list.children.length > 0;
        }
    }

    // The offline page also answers for any page the worker could not fetch.
    function explainOfflinePage(notice) {
        var here = location.pathname;
        var reason = null;
        if (/[?&]signed-out\b/.test(location.search)) {
            reason = "signed-out";
        } else if (here !== notice.getAttribute("data-offline-path")) {
            reason = here === notice.getAttribute("data-search-path") ? "search" : "page";
        }
        if (reason) {
            notice.textContent = text(notice, reason, {});
            notice.hidden = false;
        }
    }

    function setUpPage() {
        var workerUrl = document.body.getAttribute("data-service-worker");
        if (!workerUrl || !("serviceWorker" in navigator) || !window.caches) {
            return;
        }
        navigator.serviceWorker.register(workerUrl, {scope: "/"}).catch(function () {
            // No worker (a private window, a browser setting): pages work online.
        });
        document.querySelectorAll("[data-offline-save]").forEach(setUpSaveControl);
        var notice = document.querySelector("[data-offline-notice]");
        if (notice) {
            explainOfflinePage(notice);
        }
        var list = document.querySelector("[data-offline-list]");
        if (list) {
            showSaved(list);
        }
    }

    // The worker's side.

    var CONFIG = self.OFFLINE_CONFIG;

    // The saved list in the language of `url`.
    function offlinePath(url) {
        var code = url.pathname.split("/")[1];
        return CONFIG.offline[code] || CONFIG.offline[CONFIG.defaultLanguage];
    }

    function offlinePage(url) {
        return caches.match(offlinePath(url), {cacheName: STATIC_CACHE, ignoreSearch: true})
            .then(function (response) {
                return response || new Response("", {status: 503});
            });
    }

    function isSignOut(url) {
        return CONFIG.signOut.indexOf(url.pathname) >= 0;
    }

    function precache() {
        return caches.open(STATIC_CACHE).then(function (cache) {
            var pages = Object.keys(CONFIG.offline).map(function (code) {
                var path = CONFIG.offline[code];
                // As an anonymous reader: the shell must hold nothing of a member.
                return fetch(path, {credentials: "omit"}).then(function (response) {
                    return response.ok && response.headers.get(KEEP) ? cache.put(path, response) : null;
                });
            });
            return Promise.all([cache.addAll(CONFIG.precache)].concat(pages));
        });
    }

    function trimVisited() {
        return caches.open(VISITED_CACHE).then(function (cache) {
            return cache.keys().then(function (requests) {
                return Promise.all(requests.slice(0, Math.max(0, requests.length - VISITED_LIMIT))
                    .map(function (request) { return cache.delete(request); }));
            });
        });
    }

    // Who the server says reads now: copies of any other account go, and
    // expired ones.
    function noteReader(response) {
        if (response.type !== "basic" || response.status >= 500) {
            return Promise.resolve();
        }
        return purgeRestricted(response.headers.get(ACCOUNT) || "");
    }

    function navigate(event) {
        var url = new URL(event.request.url);
        return fetch(event.request).then(function (response) {
            return noteReader(response).then(function () {
                // Gone before the answer shows, so never served offline after.
                if (!url.search && refused(response)) {
                    return forget(url.href).then(function () { return response; });
                }
                if (response.ok && response.headers.get(KEEP) && !url.search) {
                    var copy = response.clone();
                    event.waitUntil(caches.open(VISITED_CACHE).then(function (cache) {
                        return cache.delete(url.href).then(function () {
                            return cache.put(url.href, copy);
                        });
                    }).then(trimVisited));
                }
                return response;
            });
        }, function () {
            // Expired copies go before anything is looked up.
            return purgeRestricted().then(function () {
                return savedCopy(url.href);
            }).then(function (response) {
                return response || caches.match(url.href, {cacheName: VISITED_CACHE, ignoreVary: true});
            }).then(function (response) {
                return response || offlinePage(url);
            });
        });
    }

    // A member's saved copies go before the sign-out leaves the device, even
    // when it cannot reach the site.
    function signOut(request) {
        var url = new URL(request.url);
        return caches.delete(RESTRICTED_CACHE).then(function () {
            return fetch(request).catch(function () {
                var target = new URL(offlinePath(url) + "?signed-out", url);
                return Response.redirect(target.href, 303);
            });
        });
    }

    function fromStatic(event) {
        return caches.open(STATIC_CACHE).then(function (cache) {
            return cache.match(event.request, {ignoreVary: true}).then(function (cached) {
                var fresh = fetch(event.request).then(function (response) {
                    if (response.ok) {
                        return cache.put(event.request, response.clone()).then(function () {
                            return response;
                        });
                    }
                    return response;
                });
                if (cached) {
                    event.waitUntil(fresh.catch(function () { return null; }));
                    return cached;
                }
                return fresh;
            });
        });
    }

    function setUpWorker() {
        self.addEventListener("install", function (event) {
            event.waitUntil(precache().then(function () { return self.skipWaiting(); }));
        });
        self.addEventListener("activate", function (event) {
            event.waitUntil(caches.keys().then(function (names) {
                return Promise.all(names.filter(function (name) {
                    return OUR_CACHES.indexOf(name) < 0;
                }).map(function (name) { return caches.delete(name); }));
            }).then(function () {
                return purgeRestricted();
            }).then(function () {
                return self.clients.claim();
            }));
        });
        self.addEventListener("fetch", function (event) {
            var request = event.request;
            var url = new URL(request.url);
            if (url.origin !== self.location.origin) {
                return;
            }
            if (request.method === "POST" && isSignOut(url)) {
                event.respondWith(signOut(request));
            } else if (request.method !== "GET") {
                return;
            } else if (url.pathname.indexOf(CONFIG.staticPrefix) === 0) {
                event.respondWith(fromStatic(event));
            } else if (CONFIG.ignores.some(function (prefix) {
                return url.pathname.indexOf(prefix) === 0;
            })) {
                return;
            } else if (request.mode === "navigate") {
                event.respondWith(navigate(event));
            } else {
                // A saved PDF fetched by a page, such as a viewer's.
                event.respondWith(fetch(request).catch(function () {
                    return savedCopy(url.href).then(function (response) {
                        return response || Response.error();
                    });
                }));
            }
        });
    }

    if (typeof document === "undefined") {
        if (CONFIG) {
            setUpWorker();
        }
    } else if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUpPage);
    } else {
        setUpPage();
    }
}());
