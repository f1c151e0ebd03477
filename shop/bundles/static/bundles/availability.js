/* Gift bundle page: refresh the availability (computed from the components' stock). */
(function () {
    "use strict";
    var box = document.getElementById("bundle-availability");
    if (!box || !window.fetch) { return; }
    var url = box.getAttribute("data-url");
    function refresh() {
        fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
                var line = box.querySelector(".availability");
                if (!data || !line || !data.message) { return; }
                line.className = data.code + " availability";
                line.lastChild.textContent = " " + data.message;
                var icon = line.querySelector("i");
                if (icon) { icon.className = data.is_available ? "fas fa-check-circle" : "fas fa-ban"; }
                box.setAttribute("data-available", data.available === null ? "" : data.available);
                // Sold out meanwhile: the add-to-basket button waits until stock is back.
                var buttons = document.querySelectorAll("#add_to_basket_form [type=submit]");
                for (var i = 0; i < buttons.length; i++) {
                    buttons[i].disabled = !data.is_available;
                }
            })
            .catch(function () {});
    }
    window.setInterval(refresh, 15000);
    document.addEventListener("visibilitychange", function () {
        if (!document.hidden) { refresh(); }
    });
}());
