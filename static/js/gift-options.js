/* The gift options form (bundles/gift_options.html): its text inputs get Bootstrap's look. */
(function () {
  "use strict";
  document.querySelectorAll("#gift-options-form textarea, #gift-options-form input[type=text]")
    .forEach(function (el) { el.classList.add("form-control"); });
})();
