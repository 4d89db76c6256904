/// The report's style sheet and script, inlined so that the report is one file that needs no network.
enum HTMLReportStyle {
  static let css = """
    :root { color-scheme: light; --fail: #b3261e; --pass: #1e7b34; --error: #b35c00; --na: #5f6368;
      --other: #3c5a99; --line: #d7dbe0; --soft: #f5f6f8; --ink: #1b1f24; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
      color: var(--ink); background: #fff; }
    header, main, footer, .summary, .filters { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
    header { padding-top: 1.2rem; }
    h1 { font-size: 1.45rem; margin: 0 0 .3rem; }
    h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
    h3 { font-size: .95rem; margin: 1rem 0 .35rem; text-transform: uppercase; letter-spacing: .03em; color: #4a5360; }
    h4 { font-size: .95rem; margin: .2rem 0 .4rem; }
    .meta { color: #4a5360; margin: 0; }
    .summary { display: flex; flex-wrap: wrap; gap: .8rem 2rem; align-items: flex-start; margin-top: 1rem; }
    .score { font-size: 2rem; font-weight: 650; line-height: 1.1; }
    .score small { display: block; font-size: .8rem; font-weight: 400; color: #4a5360; }
    .counts { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 0; }
    .counts li { border-radius: 1rem; padding: .15rem .7rem; color: #fff; font-weight: 600; }
    dl.target { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: 0; min-width: 16rem; }
    dl.target dt { color: #4a5360; }
    dl.target dd { margin: 0; overflow-wrap: anywhere; }
    .notes { background: #fff7e0; border: 1px solid #f0d48a; padding: .5rem .8rem; border-radius: .4rem; }
    .filters { display: flex; flex-wrap: wrap; gap: .6rem 1.4rem; align-items: center; margin-top: 1rem;
      padding-top: .6rem; padding-bottom: .6rem; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
    .filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .2rem .7rem; }
    .filters legend { font-weight: 600; float: left; margin-right: .4rem; }
    .filters label { white-space: nowrap; }
    .filters input[type=search] { font: inherit; padding: .3rem .5rem; min-width: 12rem; flex: 1 1 12rem;
      border: 1px solid var(--line); border-radius: .3rem; }
    #shown { color: #4a5360; }
    article { border: 1px solid var(--line); border-left: 6px solid var(--other); border-radius: .4rem;
      margin: .7rem 0; background: #fff; }
    article.fail { border-left-color: var(--fail); }
    article.pass, article.fixed { border-left-color: var(--pass); }
    article.error, article.unknown { border-left-color: var(--error); }
    article.notapplicable { border-left-color: var(--na); }
    summary { cursor: pointer; padding: .55rem .8rem; display: flex; flex-wrap: wrap; gap: .3rem .6rem;
      align-items: baseline; list-style-position: outside; }
    summary .title { flex: 1 1 20rem; font-weight: 600; }
    .badge { display: inline-block; border-radius: .3rem; padding: 0 .45rem; font-size: .8rem; font-weight: 700;
      color: #fff; background: var(--other); text-transform: uppercase; letter-spacing: .02em; }
    .badge.fail, .counts .fail { background: var(--fail); }
    .badge.pass, .badge.fixed, .counts .pass, .counts .fixed { background: var(--pass); }
    .badge.error, .badge.unknown, .counts .error, .counts .unknown { background: var(--error); }
    .badge.notapplicable, .counts .notapplicable { background: var(--na); }
    .counts .notchecked, .counts .informational { background: var(--other); }
    .severity { font-size: .8rem; border: 1px solid var(--line); border-radius: .3rem; padding: 0 .4rem; }
    .severity.high { border-color: var(--fail); color: var(--fail); }
    .severity.medium { border-color: var(--error); color: var(--error); }
    .stigid { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem; }
    .body { padding: 0 .9rem .8rem; border-top: 1px solid var(--line); }
    .ids { color: #4a5360; font-size: .85rem; overflow-wrap: anywhere; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0; }
    .test { background: var(--soft); border-radius: .4rem; padding: .6rem .8rem; margin: .5rem 0; }
    .test dl { display: grid; grid-template-columns: 7.5rem 1fr; gap: .35rem .8rem; margin: 0; }
    .test dt { font-weight: 600; color: #4a5360; }
    .test dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
    .test ul { margin: .1rem 0; padding-left: 1.2rem; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .88em;
      background: #eceef1; padding: 0 .25rem; border-radius: .2rem; overflow-wrap: anywhere; }
    table.item { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .2rem 0 .5rem; background: #fff; }
    table.item caption { text-align: left; font-size: .85rem; color: #4a5360; padding-bottom: .15rem; }
    table.item th, table.item td { border: 1px solid var(--line); padding: .2rem .45rem; text-align: left;
      vertical-align: top; overflow-wrap: anywhere; }
    table.item th { width: 32%; font-weight: 600; background: var(--soft); }
    .applicability { color: #4a5360; font-size: .9rem; }
    .messages li { overflow-wrap: anywhere; }
    .override { font-weight: bold; border-left: 4px solid #b00; padding-left: 6px; }
    .review { border-left: 4px solid #06c; padding-left: 6px; }
    footer { color: #4a5360; font-size: .85rem; padding-top: 1rem; padding-bottom: 2rem; }
    [hidden] { display: none !important; }
    @media (max-width: 600px) {
      body { font-size: 14px; }
      .test dl { grid-template-columns: 1fr; gap: .1rem; }
      .test dd { margin-bottom: .4rem; }
      .score { font-size: 1.6rem; }
      table.item th { width: 40%; }
    }
    @media print {
      .filters, #shown { display: none; }
      body { font-size: 11pt; }
      article { break-inside: avoid-page; border-left-width: 4px; }
      summary { list-style: none; }
      .badge, .counts li { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      a { color: inherit; text-decoration: none; }
    }
    """

  /// Filters by result, severity and text; opens every finding before printing so printouts show the evidence.
  static let script = """
    (function () {
      var articles = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
      var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters input[type=checkbox]'));
      var search = document.getElementById('search');
      var shown = document.getElementById('shown');
      function checked(kind) {
        return boxes.filter(function (b) { return b.dataset.kind === kind && b.checked; })
          .map(function (b) { return b.value; });
      }
      function apply() {
        var results = checked('result'), severities = checked('severity');
        var text = (search.value || '').toLowerCase();
        var count = 0;
        articles.forEach(function (a) {
          var visible = results.indexOf(a.dataset.result) >= 0 && severities.indexOf(a.dataset.severity) >= 0 &&
            (!text || a.textContent.toLowerCase().indexOf(text) >= 0);
          a.hidden = !visible;
          if (visible) { count += 1; }
        });
        shown.textContent = count + ' of ' + articles.length + ' rules shown';
      }
      boxes.forEach(function (b) { b.addEventListener('change', apply); });
      search.addEventListener('input', apply);
      window.addEventListener('beforeprint', function () {
        document.querySelectorAll('details').forEach(function (d) { d.open = true; });
      });
      document.querySelector('.filters').hidden = false;
      apply();
    })();
    """
}
