// 立案: refreshes the 繁简分流 suggestion and the related-case hints (关联案件提示) while the form
// is filled in. The server renders the hints (GET /file/hints); without this script they appear
// when the form is submitted.
(function () {
  'use strict';
  var form = document.getElementById('filing');
  var box = document.getElementById('hints');
  if (!form || !box) return;
  var timer = null;
  function refresh() {
    var data = new URLSearchParams(new FormData(form));
    data.delete('csrf');
    fetch('/file/hints?' + data.toString(), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) box.innerHTML = html; })
      .catch(function () {});
  }
  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(refresh, ms);
  }
  form.addEventListener('change', function () { later(200); });
  form.addEventListener('input', function () { later(600); });
})();
