// What the feedback pages add to the survey stylesheet (inline after it, ~1 KB): contact fields, the tracking code,
// the status list (on a phone a long text takes the whole width under its label), the hidden honeypot.
export const FEEDBACK_CSS = `input[type=tel],input[type=email],input[type=search],input[type=text]{width:100%;font:inherit;padding:.55rem;border:1px solid #8a958a;border-radius:.4rem}
input[type=file]{font:inherit;max-width:100%}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.code{display:inline-block;font:700 1.6rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em;padding:.5rem .75rem;background:#eef5ef;border:2px dashed #1b5e3a;border-radius:.5rem}
dl{display:grid;grid-template-columns:minmax(6rem,auto) 1fr;gap:.3rem 1rem}dt{font-weight:600;color:#444}dd{margin:0;overflow-wrap:anywhere}
@media(max-width:30rem){dd.pre{grid-column:1/-1;margin-bottom:.3rem}}
.hist{padding-left:1.25rem}.hist li{margin:.45rem 0}.hist time{font-weight:600;margin-right:.4rem}.pre{white-space:pre-wrap;overflow-wrap:anywhere}
.ok{border:2px solid #1b5e3a;background:#eef5ef;padding:.5rem 1rem;border-radius:.5rem}.units{list-style:none;padding:0;columns:15rem}.units li{margin:.25rem 0;break-inside:avoid}
.row{display:flex;gap:.5rem;align-items:end}.row>:first-child{flex:1}.links a{display:inline-block;margin:.25rem 1rem .25rem 0}`;
