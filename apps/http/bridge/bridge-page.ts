import { type BridgeCode, formatShanghaiDateTime } from '../../../core/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif;
    background:#f5f6f7;color:#1f2329;line-height:1.6}
  main{max-width:30rem;margin:0 auto;padding:1.5rem 1.25rem 2.5rem;text-align:center}
  h1{font-size:1.1rem;margin:.5rem 0 1rem}
  .card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 4px rgba(0,0,0,.06)}
  img{width:min(72vw,280px);height:auto;display:block;margin:.5rem auto}
  .hint{font-size:.95rem;color:#4e5969}
  .meta{font-size:.8rem;color:#86909c;margin-top:1rem;word-break:break-all}
  .error h1{color:#d03050}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>${body}</main>
</body>
</html>
`;
}

/** The bridge page: the target mini program's code, inline, with what to do with it. */
export function bridgePage({ oper, scene, png }: BridgeCode): string {
  const name = escapeHtml(oper.name);
  const mime = png[0] === 0xff && png[1] === 0xd8 ? 'image/jpeg' : 'image/png';
  const src = `data:${mime};base64,${Buffer.from(png).toString('base64')}`;
  return layout(
    `前往${oper.name}小程序支付`,
    `<h1>前往「${name}」小程序完成支付</h1>
<div class="card">
<img id="wxacode" src="${src}" alt="${name}小程序码" width="280" height="280">
<p class="hint">请长按识别或用微信扫一扫上方小程序码，进入小程序后将自动登录并继续支付。</p>
</div>
<p class="meta">订单号 ${escapeHtml(scene.orderNo)}<br>小程序码 ${escapeHtml(formatShanghaiDateTime(scene.expiresAt))} 前有效，仅可使用一次</p>`,
  );
}

/** A readable error page. */
export function bridgeErrorPage(message: string): string {
  return layout(
    '无法打开支付页面',
    `<div class="card error"><h1>无法打开支付页面</h1><p class="hint">${escapeHtml(message)}</p>
<p class="meta">请返回小程序重新发起支付。</p></div>`,
  );
}
