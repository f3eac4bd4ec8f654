#!/usr/bin/python3
"""Builds the CJK font that legal documents (permits, notices, decisions) are rendered with.

The product renders PDFs on a machine that has nothing but Node, so the font is vendored in the
repository: Noto Sans CJK SC Regular (SIL Open Font License 1.1), cut down to the characters a
Chinese administrative document uses — ASCII, general punctuation, CJK symbols, full-width forms,
every character of GB 2312 (6,763 hanzi) and a list of further characters common in business and
personal names. Input outside that set is refused with a clear message before any document is made
(apps/api/src/platform/documents/font.ts), never rendered blank.

Run on a Debian machine with `apt-get install fonts-noto-cjk fonttools`:
    /usr/bin/python3 scripts/build-document-font.py   (Debian's python3, which has fontTools)
"""
import subprocess
from fontTools.ttLib import TTCollection

SOURCE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
OUT = 'apps/api/assets/fonts/NotoSansSC-Document.otf'
# Characters outside GB 2312 that appear often in business names, personal names and addresses.
EXTRA = '垚犇淼喆昇玥珺堃琇旻昕晔炜烨珏璟璇瑄琪骞彧煜祎禛婕媛婷妤姝嫣赟鑫焱燚森犇骉麤赑劦叒叕昍晶昊曌玮瑾瑜璐琛瑛珩珈珮琬琰璠瓒甯睿祺禧筠萱蕙蓁钰铖锟镕镛闿阆颢飏馨骐骏鹍鹏麒龑堉埕垣塬坤峣嵘崧嶂彬斌晗晟暄暻曦朗桦楠榕樾檀沣泓洺浚涵淳渲湉溢滢漪潇澍濛炅焜熠燊琦'

def main():
    coll = TTCollection(SOURCE)
    index = next(i for i, f in enumerate(coll.fonts) if 'SC' in f['name'].getDebugName(1))
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))
    chars.update(chr(c) for c in range(0x2010, 0x2070))  # general punctuation
    chars.update(chr(c) for c in range(0x2100, 0x2200))  # letterlike symbols, numerals (℃, Ⅰ…)
    chars.update(chr(c) for c in range(0x2460, 0x2500))  # enclosed numerals ①…
    chars.update(chr(c) for c in range(0x25A0, 0x2600))  # geometric shapes ■□○●
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation 、。〔〕《》
    chars.update(chr(c) for c in range(0x3220, 0x3250))  # parenthesised ideographs ㈠…
    chars.update(chr(c) for c in range(0x32A0, 0x32B0))  # circled ideographs ㊣
    chars.update(chr(c) for c in range(0x3380, 0x3400))  # CJK compatibility ㎡ ㎏
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    chars.update(EXTRA)
    text = ''.join(sorted(chars))
    with open('/tmp/document-font-chars.txt', 'w', encoding='utf-8') as f:
        f.write(text)
    subprocess.run([
        'pyftsubset', SOURCE, f'--font-number={index}', '--text-file=/tmp/document-font-chars.txt',
        f'--output-file={OUT}', '--layout-features=*', '--name-IDs=*', '--no-hinting', '--desubroutinize',
    ], check=True)
    print(f'{OUT}: {len(text)} characters from face {index}')

if __name__ == '__main__':
    main()
