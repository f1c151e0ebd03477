/* Page actions that Oscar's templates wrote as inline handlers (onclick=, onload=), which the
   Content-Security-Policy does not run. Loaded on every page by templates/oscar/base.html.

   <a data-action="back">      goes back one page (cancel links, error pages)
   <a data-action="print">     prints the page (order confirmation, packing slips)
   <a data-action="close">     closes the window (dashboard pop-ups)
   <img data-upload-preview>   in Oscar's image input: a preview that loads hides the input's
                               upload button; one that fails shows it and says why. */
(function () {
  "use strict";
  var ACTIONS = {
    back: function () { window.history.go(-1); },
    print: function () { window.print(); },
    close: function () { window.close(); }
  };
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!target || !ACTIONS[target.dataset.action]) { return; }
    event.preventDefault();
    ACTIONS[target.dataset.action]();
  });

  function imagePreview(event) {
    var img = event.target;
    if (!img || img.tagName !== "IMG" || !("uploadPreview" in img.dataset)) { return; }
    var box = img.closest(".image-input");
    var button = box ? box.querySelector("[id^='upload_button_']") : null;
    if (event.type === "load") {
      if (button) { button.hidden = true; button.style.display = "none"; }
    } else if (img.getAttribute("src")) {
      if (button) { button.hidden = false; button.style.display = ""; }
      window.alert(img.dataset.errorMessage);
    }
  }
  // load and error do not bubble: listen while they travel down (capture).
  document.addEventListener("load", imagePreview, true);
  document.addEventListener("error", imagePreview, true);
})();
