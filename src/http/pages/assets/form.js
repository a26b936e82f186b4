// Progressive enhancement of the survey form, no framework: conditional questions, one question at a time
// on small screens, a draft kept in this browser, and an offline queue that resubmits with the same key,
// so a retry never makes a second response. The page works without it.
(function () {
  'use strict';
  var f = document.getElementById('f');
  if (!f || !window.fetch || !window.localStorage) return;
  var T = JSON.parse(f.getAttribute('data-t'));
  var slug = f.getAttribute('data-slug');
  var DRAFT = 'ln-draft-' + slug;
  var QUEUE = 'ln-queue';
  var status = document.getElementById('status');
  var key = f.elements._k.value;
  var qs = [].slice.call(f.querySelectorAll('.q'));
  var small = window.matchMedia('(max-width: 600px)').matches;
  var step = 0;

  function load(k) { try { return JSON.parse(localStorage.getItem(k)); } catch { return null; } }
  function save(k, v) { try { localStorage.setItem(k, JSON.stringify(v)); } catch { /* storage full or off: the form still works */ } }
  function answers() {
    var a = {};
    [].forEach.call(f.elements, function (el) {
      if (!el.name || el.name === '_k' || el.disabled || ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) || el.value === '') return;
      if (el.type === 'checkbox') (a[el.name] = a[el.name] || []).push(el.value); else a[el.name] = el.value;
    });
    return a;
  }
  // The same rules as src/core/surveys/expr.ts evalExpr.
  function value(e, a) {
    if (e.op === 'lit') return e.value;
    if (e.op === 'ref') { var v = a[e.name]; return v === undefined || v === '' ? null : [].concat(v).join(' '); }
    return ev(e, a) ? 1 : 0;
  }
  function ev(e, a) {
    switch (e.op) {
      case 'and': return ev(e.left, a) && ev(e.right, a);
      case 'or': return ev(e.left, a) || ev(e.right, a);
      case 'not': return !ev(e.arg, a);
      case 'selected': return [].concat(a[e.name] || []).indexOf(String(e.value)) >= 0;
      case 'cmp':
        var l = value(e.left, a), r = value(e.right, a);
        var eq = l !== null && r !== null && String(l) === String(r);
        if (e.cmp === '=') return eq;
        if (e.cmp === '!=') return !eq;
        if (l === null || r === null) return false;
        if (typeof l === 'number' || typeof r === 'number') { l = Number(l); r = Number(r); }
        return e.cmp === '<' ? l < r : e.cmp === '<=' ? l <= r : e.cmp === '>' ? l > r : l >= r;
    }
    return value(e, a) !== null;
  }
  function visible() { return qs.filter(function (q) { return !q.hasAttribute('data-off'); }); }
  function refresh() {
    var a = answers();
    qs.forEach(function (q) {
      var rel = q.getAttribute('data-rel');
      var on = !rel || ev(JSON.parse(rel), a);
      if (on) q.removeAttribute('data-off'); else q.setAttribute('data-off', '');
      [].forEach.call(q.querySelectorAll('input,textarea'), function (i) { i.disabled = !on; });
      var c = q.querySelector('.cond');
      if (c) c.hidden = true;
    });
    show();
  }
  var nav, back, next, prog, send = f.querySelector('.send');
  function show() {
    var vis = visible();
    if (!small) { qs.forEach(function (q) { q.hidden = q.hasAttribute('data-off'); }); return; }
    if (step >= vis.length) step = vis.length - 1;
    qs.forEach(function (q) { q.hidden = q !== vis[step]; });
    [].forEach.call(f.querySelectorAll('section > h2'), function (h) { h.hidden = h.parentNode !== vis[step].parentNode; });
    prog.textContent = T.progress.replace('{i}', step + 1).replace('{n}', vis.length);
    back.hidden = step === 0;
    next.hidden = step === vis.length - 1;
    send.hidden = !next.hidden;
  }
  function answered(q) { return [].some.call(q.querySelectorAll('input,textarea'), function (i) { return (i.type === 'radio' || i.type === 'checkbox') ? i.checked : i.value.trim() !== ''; }); }
  function mark(q, msg) {
    var e = q.querySelector('.err');
    if (!e) { e = document.createElement('span'); e.className = 'err'; q.insertBefore(e, q.querySelector('.opts,input,textarea')); }
    e.textContent = msg;
    q.classList.add('has-err');
  }
  if (small) {
    nav = document.createElement('div'); nav.className = 'nav';
    back = document.createElement('button'); back.type = 'button'; back.className = 'sec'; back.textContent = T.back;
    next = document.createElement('button'); next.type = 'button'; next.textContent = T.next;
    prog = document.createElement('p'); prog.className = 'prog'; prog.setAttribute('aria-live', 'polite');
    nav.appendChild(back); nav.appendChild(next);
    f.insertBefore(prog, f.firstChild.nextSibling);
    f.insertBefore(nav, send);
    back.onclick = function () { step--; show(); visible()[step].querySelector('input,textarea').focus(); };
    next.onclick = function () {
      var q = visible()[step];
      if (q.hasAttribute('data-req') && !answered(q)) { mark(q, T.required); return; }
      step++; show();
      var first = visible()[step].querySelector('input,textarea');
      if (first) first.focus();
    };
  }
  // A draft left in this browser comes back, unless the server just returned the form with errors.
  var draft = load(DRAFT);
  if (draft && !document.getElementById('errors')) {
    key = draft.k || key;
    Object.keys(draft.a || {}).forEach(function (name) {
      [].concat(draft.a[name]).forEach(function (v) {
        [].forEach.call(f.querySelectorAll('[name="' + name + '"]'), function (el) {
          if (el.type === 'radio' || el.type === 'checkbox') { if (el.value === v) el.checked = true; } else el.value = v;
        });
      });
    });
  }
  f.addEventListener('change', function (e) {
    // An answer clears that question's error.
    var q = e.target.closest && e.target.closest('.q');
    if (q && answered(q)) { q.classList.remove('has-err'); var err = q.querySelector('.err'); if (err) err.parentNode.removeChild(err); }
    refresh();
    save(DRAFT, { k: key, a: answers() });
  });
  f.addEventListener('input', function () { save(DRAFT, { k: key, a: answers() }); });
  refresh();

  function post(item) {
    return fetch(item.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(item.body) });
  }
  // A queued answer is sent again when the connection returns, on the next visit, and every half minute while the
  // page stays open (a server that answered 503 because it was overloaded asks for exactly that).
  var retry = null;
  function later() { if (retry === null) retry = setTimeout(function () { retry = null; flush(); }, 30000); }
  function flush() {
    var queue = load(QUEUE) || [];
    if (!queue.length) return;
    post(queue[0]).then(function (res) {
      if (res.status >= 500) return later();
      save(QUEUE, (load(QUEUE) || []).slice(1));
      flush();
    }, later);
  }
  window.addEventListener('online', flush);
  flush();

  f.addEventListener('submit', function (e) {
    e.preventDefault();
    var item = { url: f.action, body: { answers: answers(), clientKey: key } };
    status.textContent = T.sending;
    send.disabled = true;
    post(item).then(function (res) {
      send.disabled = false;
      if (res.ok) { localStorage.removeItem(DRAFT); location.href = '/s/' + slug + '/cam-on'; return; }
      if (res.status === 410) { status.textContent = T.closed; return; }
      if (res.status >= 500) throw new Error('server');
      return res.json().then(function (body) {
        status.textContent = body.message || T.send_failed;
        var first = null;
        Object.keys(body.fields || {}).forEach(function (id) {
          var q = document.getElementById('q-' + id);
          if (q) { mark(q, body.fields[id]); if (first === null) first = visible().indexOf(q); }
        });
        if (small && first !== null && first >= 0) { step = first; show(); }
      });
    }).catch(function (err) {
      send.disabled = false;
      save(QUEUE, (load(QUEUE) || []).concat([item]));
      localStorage.removeItem(DRAFT);
      status.textContent = err && err.message === 'server' ? T.busy : T.saved_offline;
      later();
    });
  });
})();
