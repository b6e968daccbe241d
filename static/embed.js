/*
 * Timeline embed script. On your page:
 *
 *   <div data-timeline-src="https://example.org/timeline/?tag=russia&embed=1"></div>
 *   <script src="https://example.org/timeline/embed.js" async></script>
 *
 * Each element with data-timeline-src becomes an iframe of that view, sized to its
 * content as it changes. Optional attributes: data-title (the frame's accessible name).
 * It speaks the parent side of pym.js's message protocol, so the frame's pym.js child
 * messages ("pymxPYMx<id>xPYMxheightxPYMx<px>") drive the height.
 */
(function () {
  'use strict';
  var SEP = 'xPYMx';
  var count = 0;

  function embed(el) {
    if (el.getAttribute('data-timeline-ready')) return;
    el.setAttribute('data-timeline-ready', '1');
    var id = 'timeline-' + (++count) + '-' + Math.random().toString(36).slice(2, 8);
    var url = new URL(el.getAttribute('data-timeline-src'), document.baseURI);
    url.searchParams.set('embed', '1');
    url.searchParams.set('childId', id);
    var frame = document.createElement('iframe');
    frame.src = url.toString();
    frame.title = el.getAttribute('data-title') || 'Timeline';
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.setAttribute('scrolling', 'no');
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.height = '600px';
    el.appendChild(frame);

    window.addEventListener('message', function (event) {
      if (event.source !== frame.contentWindow || event.origin !== url.origin || typeof event.data !== 'string') return;
      var parts = event.data.split(SEP);
      if (parts[0] !== 'pym' || parts[1] !== id) return;
      if (parts[2] === 'height') {
        var px = parseInt(parts[3], 10);
        if (px > 0) frame.style.height = px + 'px';
      }
    });
    // Tell the frame our width when it changes, as pym.js parents do; it answers with its height.
    var send = function () {
      if (frame.contentWindow) frame.contentWindow.postMessage(['pym', id, 'width', String(el.offsetWidth)].join(SEP), url.origin);
    };
    frame.addEventListener('load', send);
    window.addEventListener('resize', send);
  }

  function all() {
    var els = document.querySelectorAll('[data-timeline-src]');
    for (var i = 0; i < els.length; i++) embed(els[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all);
  else all();
})();
