#!/usr/bin/env python3
"""Validate the key-task catalogue (key-tasks.csv) against its seed text.

Usage: check_catalog.py KEY_TASKS_CSV SEED_TXT [UNITS_EXTRA_TXT]

Exits 0 when the catalogue is valid, 1 (listing every problem) otherwise.
Checks: header, 162 rows, codes, chapter/section titles, verbatim source text
(原文), units, counties, carrying units (承办部门), at least one party per task,
deadlines and report cadence.

Who carries a task: 责任县区 is 全部 (every county), 无 (no county: the task is
carried by city units only) or the counties the 原文 names; 承办部门 lists the
city units that carry the task themselves (a city-level plan, mechanism, fund or
institution). A task whose 原文 speaks of 县级城市 (not 县级及以上城市) goes to the
county seats other than the prefecture-level city (安定区).
"""
import csv
import io
import re
import sys

HEADER = ['序号', '章', '节', '重点任务', '工作措施', '原文', '牵头单位', '配合单位',
          '责任县区', '承办部门', '完成时限', '目标指标', '报送频次']
EXPECTED_ROWS = 162
SEP = ' \u2026 '  # separator between non-adjacent source pieces
# numbered sections per chapter (二..八)
SECTIONS_PER_CHAPTER = {2: 7, 3: 4, 4: 6, 5: 5, 6: 5, 7: 7, 8: 5}
UNITS = [
    '市生态环境局', '市发展改革委', '市工信局', '市住建局', '市交通运输局', '市农业农村局',
    '市水务局', '市自然资源局', '市林草局', '市市场监管局', '市公安局', '市财政局', '市教育局',
    '市商务局', '市卫生健康委', '市城市管理局', '市科技局', '市司法局', '市税务局',
    '人行定西市分行', '市委宣传部', '市邮政管理局', '市统计局', '市气象局', '市应急管理局',
    '市国资委', '市中级人民法院', '市检察院', '市委组织部', '市文旅局', '市金融办',
    '市粮食和物资储备局', '市人大常委会', '市政协', '市委编办', '市委督查室', '市广播电视台',
    '市机关事务管理局', '定西经济开发区管委会', '金融监管分局', '市供销社',
]
# full name -> short name as it may appear in the source text
COUNTIES = {'安定区': '安定', '通渭县': '通渭', '陇西县': '陇西', '渭源县': '渭源',
            '临洮县': '临洮', '漳县': '漳县', '岷县': '岷县'}
ALL_COUNTIES = '全部'
NO_COUNTY = '无'
# the prefecture-level city's own district: not a 县级城市
PREFECTURE_SEAT = '安定区'
COUNTY_LEVEL_CITIES = '县级城市'
STANDING = '长期坚持'
DEADLINE_RE = re.compile(r'^(?:\d{4}年底前|\d{4}年(?:[1-9]|1[0-2])月底前|到\d{4}年|长期坚持)$')
CADENCES = {'月报', '季报'}
CODE_RE = re.compile(r'^([2-8])\.([1-7])\.([0-9]+)$')
PIECE_END = tuple('。,;，；')
PIECE_START_AFTER = set('。,;，；\n')
MAX_TITLE = 30
CN = '一二三四五六七八'


def deadlines_in(text):
    """Normalised deadline phrases found in a source text."""
    found = set()
    for m in re.finditer(r'(\d{4})年(\d{1,2})月底前', text):
        found.add(f'{m.group(1)}年{int(m.group(2))}月底前')
    for m in re.finditer(r'(\d{4})年底前', text):
        found.add(f'{m.group(1)}年底前')
    for m in re.finditer(r'到(\d{4})年(?![\d底])', text):
        found.add(f'到{m.group(1)}年')
    return found


def seed_titles(seed):
    chapters, sections = {}, {}
    chapter = None
    for line in seed.split('\n'):
        m = re.match(r'^([一二三四五六七八])、(.+)$', line)
        if m:
            chapter = CN.index(m.group(1)) + 1
            chapters[chapter] = m.group(2)
            continue
        m = re.match(r'^[(（]([一二三四五六七])[)）](.+)$', line)
        if m and chapter:
            sections[(chapter, CN.index(m.group(1)) + 1)] = m.group(2)
    return chapters, sections


def piece_at_boundary(seed, piece):
    """True if some occurrence of piece starts at a clause boundary."""
    start = seed.find(piece)
    while start >= 0:
        if start == 0 or seed[start - 1] in PIECE_START_AFTER:
            return True
        start = seed.find(piece, start + 1)
    return False


def split_units(value):
    return [u for u in value.split('、')] if value else []


def check(csv_path, seed_path, extra_path=None):
    problems = []

    def bad(where, msg):
        problems.append(f'{where}: {msg}')

    with open(seed_path, encoding='utf-8') as f:
        seed = f.read()
    units = set(UNITS)
    if extra_path:
        with open(extra_path, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith('#'):
                    units.add(line.split(',', 1)[1].strip())
    chapters, sections = seed_titles(seed)

    raw = open(csv_path, 'rb').read()
    if raw.startswith(b'\xef\xbb\xbf'):
        bad('file', 'starts with a UTF-8 BOM')
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        bad('file', f'not UTF-8: {e}')
        return problems
    rows = list(csv.reader(io.StringIO(text.lstrip('\ufeff'), newline='')))
    if not rows or rows[0] != HEADER:
        bad('header', f'expected {HEADER}, got {rows[0] if rows else None}')
        return problems
    data = rows[1:]
    if len(data) != EXPECTED_ROWS:
        bad('file', f'{len(data)} data rows, expected {EXPECTED_ROWS}')

    seen_codes = set()
    per_section = {}
    for i, row in enumerate(data, start=2):
        where = f'line {i}'
        if len(row) != len(HEADER):
            bad(where, f'{len(row)} fields, expected {len(HEADER)}')
            continue
        rec = dict(zip(HEADER, row))
        code = rec['序号']
        where = f'line {i} [{code}]'
        for k, v in rec.items():
            if v != v.strip():
                bad(where, f'{k} has leading/trailing whitespace')
            if '\n' in v or '\r' in v:
                bad(where, f'{k} contains a line break')
        m = CODE_RE.match(code)
        if not m:
            bad(where, 'code does not match <chapter>.<section>.<n>')
            continue
        if code in seen_codes:
            bad(where, 'duplicate code')
        seen_codes.add(code)
        ch, sec, n = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if sec > SECTIONS_PER_CHAPTER[ch]:
            bad(where, f'chapter {ch} has no section {sec}')
        per_section.setdefault((ch, sec), []).append(n)

        # titles
        if rec['章'] != chapters.get(ch):
            bad(where, f'章 is not the seed title of chapter {ch}: {chapters.get(ch)!r}')
        if rec['章'] not in seed:
            bad(where, '章 not found in seed')
        if rec['节'] != sections.get((ch, sec)):
            bad(where, f'节 is not the seed title of section {ch}.{sec}: {sections.get((ch, sec))!r}')
        if rec['节'] not in seed:
            bad(where, '节 not found in seed')
        if not rec['重点任务']:
            bad(where, '重点任务 empty')
        elif len(rec['重点任务']) > MAX_TITLE:
            bad(where, f'重点任务 longer than {MAX_TITLE} characters')
        if not rec['工作措施']:
            bad(where, '工作措施 empty')

        # verbatim source text
        orig = rec['原文']
        if not orig:
            bad(where, '原文 empty')
        pieces = orig.split(SEP) if orig else []
        for p in pieces:
            if not p:
                bad(where, '原文 has an empty piece')
            elif p not in seed:
                bad(where, f'原文 piece not verbatim in seed: {p[:40]!r}')
            else:
                if not p.endswith(PIECE_END):
                    bad(where, f'原文 piece does not end at a clause boundary: {p[-15:]!r}')
                if not piece_at_boundary(seed, p):
                    bad(where, f'原文 piece does not start at a clause boundary: {p[:15]!r}')

        # units
        lead = split_units(rec['牵头单位'])
        coop = split_units(rec['配合单位'])
        carrying = split_units(rec['承办部门'])
        if not lead:
            bad(where, '牵头单位 empty')
        for col, lst in (('牵头单位', lead), ('配合单位', coop), ('承办部门', carrying)):
            for u in lst:
                if u not in units:
                    bad(where, f'{col} unknown unit {u!r}')
            if len(set(lst)) != len(lst):
                bad(where, f'{col} repeats a unit')
        both = set(lead) & set(coop)
        if both:
            bad(where, f'unit(s) both lead and cooperating: {sorted(both)}')
        both = set(carrying) & set(coop)
        if both:
            bad(where, f'unit(s) both carrying (承办部门) and cooperating: {sorted(both)}')

        # counties
        cty = rec['责任县区']
        named = [full for full, short in COUNTIES.items() if short in orig]
        if COUNTY_LEVEL_CITIES in orig and not named:
            # 县级城市: the county seats, not the prefecture-level city
            expected = [c for c in COUNTIES if c != PREFECTURE_SEAT]
            if cty.split('、') != expected:
                bad(where, f'原文 speaks of {COUNTY_LEVEL_CITIES}: 责任县区 should be {"、".join(expected)}')
        elif cty in (ALL_COUNTIES, NO_COUNTY):
            if named:
                bad(where, f'原文 names {named} but 责任县区 is {cty}')
            if cty == NO_COUNTY and not carrying:
                bad(where, f'责任县区 is {NO_COUNTY} and 承办部门 is empty: nobody carries the task')
        else:
            lst = cty.split('、')
            if len(set(lst)) != len(lst):
                bad(where, '责任县区 repeats a county')
            for c in lst:
                if c not in COUNTIES:
                    bad(where, f'unknown county {c!r}')
                elif COUNTIES[c] not in orig:
                    bad(where, f'county {c} not named in 原文')
            missing = set(named) - set(lst)
            if missing:
                bad(where, f'原文 names {sorted(missing)} missing from 责任县区')

        # deadline
        dl = rec['完成时限']
        in_text = deadlines_in(orig)
        if not DEADLINE_RE.match(dl):
            bad(where, f'完成时限 {dl!r} not an allowed form')
        elif dl == STANDING:
            if in_text:
                bad(where, f'完成时限 is {STANDING} but 原文 has {sorted(in_text)}')
        else:
            if dl not in orig:
                bad(where, f'完成时限 {dl!r} not found in 原文')
            if dl not in in_text:
                bad(where, f'完成时限 {dl!r} is not the deadline in 原文 {sorted(in_text)}')
            if len(in_text) > 1:
                bad(where, f'原文 has several deadlines {sorted(in_text)}')

        # cadence
        cad = rec['报送频次']
        if cad not in CADENCES:
            bad(where, f'报送频次 {cad!r} not one of {sorted(CADENCES)}')
        elif dl != STANDING and cad != '月报':
            bad(where, 'task with a deadline must report 月报')

    # every numbered section present, numbering 1..k without gaps
    for ch, count in SECTIONS_PER_CHAPTER.items():
        for sec in range(1, count + 1):
            ns = per_section.get((ch, sec))
            if not ns:
                bad('sections', f'section {ch}.{sec} has no task')
            elif sorted(ns) != list(range(1, len(ns) + 1)):
                bad('sections', f'section {ch}.{sec} numbering is not 1..{len(ns)}: {sorted(ns)}')
    if set(sections) != {(c, s) for c, k in SECTIONS_PER_CHAPTER.items() for s in range(1, k + 1)}:
        bad('seed', f'seed sections differ from expected: {sorted(sections)}')
    return problems


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = check(*argv[1:])
    if problems:
        for p in problems:
            print(p)
        print(f'FAILED: {len(problems)} problem(s)')
        return 1
    print(f'OK: {argv[1]} is valid ({EXPECTED_ROWS} tasks)')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
