"""Fill msgstr for given msgids in a .po file and drop fuzzy flags on them. Usage: po_fill.py PO JSON"""
import json, re, sys
po, mapping = sys.argv[1], json.load(open(sys.argv[2]))
text = open(po, encoding="utf-8").read()
blocks = text.split("\n\n")
out = []
for block in blocks:
    m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
    if m:
        msgid = "".join(re.findall(r'"(.*)"', m.group(1))).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if msgid in mapping:
            lines = [l for l in block.split("\n") if not l.startswith("#|")]
            lines = [l.replace("#, fuzzy, ", "#, ").replace("#, fuzzy", "") if l.startswith("#,") else l for l in lines]
            lines = [l for l in lines if l != "#" and l.strip() != "#,"]
            head = []
            for l in lines:
                if l.startswith("msgstr"):
                    break
                head.append(l)
            value = mapping[msgid].replace("\\", "\\\\").replace('"', '\\"')
            block = "\n".join(head) + f'\nmsgstr "{value}"'
    out.append(block)
open(po, "w", encoding="utf-8").write("\n\n".join(out))
