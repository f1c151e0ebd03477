/* A stock file's import page (workspace/dashboard/stock_import_detail.html): shows the
   progress of the import until it finishes, then reloads with the result. */
(function () {
    var box = document.getElementById("stock-import");
    if (!box || box.dataset.finished === "1") { return; }
    var bar = document.getElementById("import-progress");
    function poll() {
        fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
            bar.style.width = data.percent + "%";
            bar.textContent = data.percent + "%";
            bar.setAttribute("aria-valuenow", data.percent);
            document.getElementById("import-status").textContent = data.status_display;
            if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
        }).catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 500);
})();
