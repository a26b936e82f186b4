// The citizen pages' whole stylesheet (inline: one request, ~2 KB): system fonts, large targets, visible focus.
export const FORM_CSS = `*{box-sizing:border-box}body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a;background:#f4f6f4}
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}header{border-bottom:3px solid #1b5e3a;margin-bottom:1rem}
h1{font-size:1.35rem;margin:.25rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;color:#1b5e3a}.unit{font-weight:700;color:#1b5e3a;margin:0}.camp,.meta{color:#444;margin:.25rem 0}
.q{border:0;margin:0 0 1rem;padding:.75rem;border-radius:.5rem;background:#f7f9f7;min-width:0}.q legend,.q>label{font-weight:600;padding:0;display:block;margin-bottom:.4rem}.q legend{float:left;width:100%}.q legend~*{clear:both}
.has-err{outline:2px solid #b00020;background:#fff5f5}.err{display:block;color:#b00020;font-weight:600}.hint,.cond{display:block;color:#444;font-size:.95rem}.cond{font-style:italic}
.opts{display:grid;gap:.35rem}.opt{display:flex;align-items:center;gap:.6rem;padding:.55rem .7rem;border:1px solid #c8d2c8;border-radius:.4rem;background:#fff;cursor:pointer}
.opt input{width:1.35rem;height:1.35rem;margin:0;flex:none;accent-color:#1b5e3a}input:not([type]),textarea{width:100%;font:inherit;padding:.55rem;border:1px solid #8a958a;border-radius:.4rem}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}.req{color:#b00020}button{font:inherit;font-weight:700;padding:.75rem 1.25rem;border-radius:.4rem;border:0;background:#1b5e3a;color:#fff;cursor:pointer;min-height:2.75rem}
button.sec{background:#fff;color:#1b5e3a;border:2px solid #1b5e3a}.errors{border:2px solid #b00020;padding:.5rem 1rem;border-radius:.5rem;background:#fff5f5}.errors a{color:#8a0018}
.msg{font-size:1.15rem}.nav{display:flex;gap:.75rem;justify-content:space-between;margin:.75rem 0}.prog{color:#444}[hidden]{display:none!important}a{color:#0b5394}`;
