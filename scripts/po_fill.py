"""Fill the msgstr of given msgids in a .po catalogue and drop their fuzzy flags.

Usage: python scripts/po_fill.py PATH/django.po MAP.json   (MAP.json: {"English msgid": "Tiếng Việt", ...})
Then run `dualgoal compilemessages -l vi` (or `make messages`).
"""

import json
import re
import sys
from pathlib import Path

MSGID = re.compile(r'^msgid ((?:".*"\n?)+)', re.M)


def msgid_of(block: str) -> str | None:
    found = MSGID.search(block)
    if not found:
        return None
    raw = "".join(re.findall(r'"(.*)"', found.group(1)))
    return raw.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def filled(block: str, value: str) -> str:
    lines = [line for line in block.split("\n") if not line.startswith("#|")]
    lines = [
        line.replace("#, fuzzy, ", "#, ").replace("#, fuzzy", "") if line.startswith("#,") else line for line in lines
    ]
    lines = [line for line in lines if line != "#" and line.strip() != "#,"]
    head = []
    for line in lines:
        if line.startswith("msgstr"):
            break
        head.append(line)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return "\n".join(head) + f'\nmsgstr "{escaped}"'


def main(po_path: str, map_path: str) -> None:
    mapping = json.loads(Path(map_path).read_text(encoding="utf-8"))
    po = Path(po_path)
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    out = [filled(block, mapping[key]) if (key := msgid_of(block)) in mapping else block for block in blocks]
    po.write_text("\n\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
