// Live capaian and serapan in the quarterly entry grid. Every number is computed on the server
// by the formulas module (the 'hitung' endpoint); this script only sends what was typed.
(function () {
  "use strict";
  var form = document.getElementById("entri");
  if (!form) { return; }
  var url = form.getAttribute("data-hitung");
  var timers = new WeakMap();

  function value(row, suffix) {
    var input = row.querySelector("[name$='-" + suffix + "']:not([type=hidden])");
    return input ? input.value : "";
  }

  function update(row) {
    var params = new URLSearchParams();
    var target;
    if (row.hasAttribute("data-indikator")) {
      params.set("indikator", row.getAttribute("data-indikator"));
      ["nilai", "pembilang", "penyebut", "predikat"].forEach(function (k) { params.set(k, value(row, k)); });
      target = row.querySelector(".capaian");
    } else {
      params.set("anggaran", row.getAttribute("data-anggaran"));
      params.set("tw", value(row, "tw"));
      target = row.querySelector(".serapan");
    }
    fetch(url + "?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        row.classList.toggle("salah", Boolean(data.pesan));
        if (data.pesan) { target.textContent = data.pesan; return; }
        if (data.capaian !== undefined) { target.textContent = data.capaian; }
        if (data.serapan !== undefined) {
          target.textContent = data.serapan;
          row.querySelector(".kumulatif").textContent = data.rupiah;
        }
      })
      .catch(function () { /* the page still works without live figures */ });
  }

  form.addEventListener("input", function (event) {
    var row = event.target.closest("tr[data-indikator], tr[data-anggaran]");
    if (!row || event.target.tagName === "TEXTAREA") { return; }
    clearTimeout(timers.get(row));
    timers.set(row, setTimeout(function () { update(row); }, 250));
  });
})();
