// 登记生效文书: reads a chosen .txt or .docx file into the form's text box, in the browser, so
// the judge sees the text before recording it. Ours; uses only what the browser has (a ZIP's
// deflated part through DecompressionStream, the XML through DOMParser). The form works without it.
(() => {
  const input = document.getElementById('document-file');
  const box = document.querySelector('#document-form textarea[name=text]');
  const note = document.getElementById('document-file-note');
  if (!input || !box) return;
  // The page's own words (Chinese or English), with {name}, {n} and {why} filled in.
  const say = (key, values) => {
    if (!note) return;
    note.textContent = (note.dataset[key] || '').replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');
  };

  // The bytes of one entry of a ZIP archive, found through its central directory.
  async function zipEntry(buf, wanted) {
    const v = new DataView(buf);
    let end = buf.byteLength - 22;
    while (end >= 0 && v.getUint32(end, true) !== 0x06054b50) end--;
    if (end < 0) throw new Error('不是 ZIP 文件');
    let at = v.getUint32(end + 16, true);
    const count = v.getUint16(end + 10, true);
    for (let i = 0; i < count; i++) {
      const method = v.getUint16(at + 10, true);
      const size = v.getUint32(at + 20, true);
      const nameLen = v.getUint16(at + 28, true), extraLen = v.getUint16(at + 30, true), commentLen = v.getUint16(at + 32, true);
      const local = v.getUint32(at + 42, true);
      const name = new TextDecoder().decode(new Uint8Array(buf, at + 46, nameLen));
      if (name === wanted) {
        const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
        const data = new Uint8Array(buf, start, size);
        if (method === 0) return data;
        if (method !== 8) throw new Error('不支持的压缩方式');
        const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
        return new Uint8Array(await new Response(stream).arrayBuffer());
      }
      at += 46 + nameLen + extraLen + commentLen;
    }
    throw new Error('文件中没有 ' + wanted);
  }

  // A Word document's paragraphs as lines: w:t text, w:tab as a tab, w:br as a line break.
  function docxText(xml) {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const lines = [];
    for (const p of doc.getElementsByTagNameNS(W, 'p')) {
      let line = '';
      const walk = node => {
        for (const c of node.childNodes) {
          if (c.namespaceURI === W && c.localName === 't') line += c.textContent;
          else if (c.namespaceURI === W && c.localName === 'tab') line += '\t';
          else if (c.namespaceURI === W && c.localName === 'br') line += '\n';
          else if (c.namespaceURI === W && c.localName === 'p') continue;
          else walk(c);
        }
      };
      walk(p);
      lines.push(line);
    }
    return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }

  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      const buf = await file.arrayBuffer();
      let text;
      if (/\.docx$/i.test(file.name)) {
        text = docxText(new TextDecoder().decode(await zipEntry(buf, 'word/document.xml')));
      } else {
        text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      }
      box.value = text;
      say('read', { name: file.name, n: text.length });
    } catch (e) {
      say('failed', { name: file.name, why: e.message });
    }
  });
})();
