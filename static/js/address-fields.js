/* Vietnamese address forms (templates/shop/partials/vietnamese_address_fields.html): with
   JavaScript on, the "Update lists" button is hidden and choosing a province or district
   presses it, reloading the district and commune choices. */
(function () {
  "use strict";
  var refresh = document.getElementById("refresh-units");
  if (!refresh) { return; }
  refresh.hidden = true;
  ["id_province", "id_district"].forEach(function (id) {
    var select = document.getElementById(id);
    if (select) {
      select.addEventListener("change", function () { refresh.hidden = false; refresh.click(); });
    }
  });
})();
