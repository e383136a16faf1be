"""The labelled synthetic set for the PII benchmark (bench/privacy_quality.py): the sentence
templates, fillers and hand-written sentences, the seeded generator that builds the rows, and
reading and writing bench/data/pii_sentences.csv.

Rebuild the set (seeded, so the same file comes out): .venv/bin/python bench/privacy_quality.py --write-set
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

SET = Path(__file__).resolve().parent / "data" / "pii_sentences.csv"
HEADER = (
    "# Synthetic consultation-style sentences written for the involve project (issue 7), generated\n"
    "# by bench/privacy_quality.py --write-set (seed 2026). Phone numbers are from Ofcom's drama\n"
    "# ranges and NHS numbers from the 999 test range; every person, address and e-mail is made up.\n"
    "# spans: JSON list of [kind, start, end] (Python character offsets); extra_terms: JSON list\n"
    "# passed to find_pii as the respondent's own name and the council's staff names; source:\n"
    "# template (generated) or hand (written by hand, see HAND_WRITTEN).\n"
)

# --- building the set ---------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "Jane Sam Priya Tom Aisha Gareth Olwen Mohammed Ruth Kai Bethan Declan Joy Ewan Mary"
)
SURNAMES = _words(
    "Smith Hartley Patel O'Brien Smith-Jones McKenzie Evans Okafor Nowak Green Hill Ahmed "
    "Whitaker MacLeod Davies Thomas Kowalski Fitzgerald Ng Roberts"
)
TITLES = _words("Mr Mrs Ms Miss Mx Dr Dr. Prof Cllr Councillor Sir Dame Rev Mr. Mrs.")
STREETS = _words(
    "Acacia Oak Church Mill Station Bath London Bisley Orchard Meadow Cotswold Rodborough Field "
    "Castle Victoria Albert St Mary's Kings Queens Beech Willow Summer Hill"
)
SUFFIXES = _words(
    "Road Rd Street St Lane Avenue Close Drive Way Crescent Gardens Place Terrace Court Hill Row "
    "Walk Mews Green Grove Park"
)
OUTWARD = _words("GL5 GL6 GL10 GL1 GL2 GL11 BS1 BS16 SW1A M1 B33 EC1A LS6 NE1 CF10 OX4 BA1 SN1 W1A")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
MAIL_DOMAINS = _words(
    "gmail.com hotmail.co.uk outlook.com btinternet.com example.org.uk yahoo.co.uk"
)


def email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST).lower(), rng.choice(SURNAMES).lower().replace("'", "")
    local = rng.choice(
        [
            f"{first}.{last}",
            f"{first[0]}{last}{rng.randint(1, 99)}",
            f"{first}_{last}",
            f"{last}+consult",
        ]
    )
    domain = rng.choice(MAIL_DOMAINS)
    if rng.random() < 0.12:  # spelled out
        return f"{local.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}"
    return f"{local}@{domain}"


PHONE_FORMATS = (
    "07700 900{m}|07700900{m}|+44 7700 900{m}|+44 (0)7700 900 {m}|0044 7700 900{m}|07700-900-{m}|"
    "(01632) 960{m}|01632 960{m}|01632-960-{m}|020 7946 0{m}|0117 496 0{m}|(0117) 4960{m}|"
    "+44 20 7946 0{m}|0161 496 0{m}"
)


def phone(rng: random.Random) -> str:
    return rng.choice(PHONE_FORMATS.split("|")).format(m=f"{rng.randint(0, 999):03d}")


def postcode(rng: random.Random) -> str:
    outward = rng.choice(OUTWARD)
    inward = f"{rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    style = rng.choice(["upper", "upper", "lower", "nospace", "lowernospace"])
    code = f"{outward}{'' if 'nospace' in style else ' '}{inward}"
    return code.lower() if "lower" in style else code


def ni_number(rng: random.Random) -> str:
    prefix = rng.choice(NI_FIRST) + rng.choice(NI_SECOND)
    while prefix in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
        prefix = rng.choice(NI_FIRST) + rng.choice(NI_SECOND)
    digits = f"{rng.randint(0, 999999):06d}"
    suffix = rng.choice("ABCD")
    pairs = " ".join(digits[i : i + 2] for i in (0, 2, 4))
    number = rng.choice(
        [f"{prefix}{digits}{suffix}", f"{prefix} {pairs} {suffix}", f"{prefix} {digits} {suffix}"]
    )
    return number.lower() if rng.random() < 0.15 else number


def nhs_number(rng: random.Random) -> str:
    while True:
        body = "999" + f"{rng.randint(0, 999999):06d}"
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(body)) % 11
        if check != 10:
            digits = body + str(0 if check == 11 else check)
            break
    return rng.choice(
        [
            f"{digits[:3]} {digits[3:6]} {digits[6:]}",
            f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
            digits,
        ]
    )


def address(rng: random.Random) -> str:
    number = rng.choice(
        [
            str(rng.randint(1, 120)),
            f"{rng.randint(1, 60)}{rng.choice('abAB')}",
            f"{rng.randint(1, 9) * 2}-{rng.randint(5, 9) * 2}",
        ]
    )
    street = f"{rng.choice(STREETS)} {rng.choice(SUFFIXES)}"
    if rng.random() < 0.2:
        number = f"Flat {rng.randint(1, 12)}, {rng.randint(1, 99)}"
    if rng.random() < 0.1:
        street = street.lower()
    return f"{number} {street}"


def titled_name(rng: random.Random) -> str:
    name = (
        rng.choice(SURNAMES)
        if rng.random() < 0.6
        else f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
    )
    return f"{rng.choice(TITLES)} {name}"


def plain_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"


GENERATORS = {"email": email, "phone": phone, "postcode": postcode, "ni number": ni_number}
GENERATORS |= {"nhs number": nhs_number, "address": address, "name": titled_name}
# Non-PII fillers, each a "|"-separated choice: the look-alikes that must stay.
FILLERS = {
    "road": "A38|M5|B4066|A419|A46|M4|B4008|A417",
    "bus": "the 64 bus|route 93|the number 46|the X14|the 63|bus 40",
    "year": "|".join(str(year) for year in range(1995, 2027)),
    "price": "£2.50|£1.20|£45|£1,200|£3.75 a day|£650,000",
    "time": "7.30pm|09:15|10am|half past five|17:45|8am",
    "count": "12 people|40 families|200 of us|30 residents|2 children",
    "times": "3 times|twice|4 days|2 evenings|5 times",
    "wait": "45 minutes|an hour|20 minutes|1 hour 10 minutes|3 weeks",
    "date": "12/03/2024|1st March 2025|14 March|03.04.2023|Tuesday 5 May",
    "ward": "Stroud Central|Cainscross|Rodborough|Nailsworth|Dursley|Minchinhampton",
    "street": "the High Street|London Road|Bath Road|the Cross|Station Lane",
    "outward": "GL5|GL6|GL10|BS16",
    "helpline": "0300 123 4567|0800 015 0100|0345 600 1234",
    "share": "87%|1,200|over half|two thirds|65 per cent",
    "band": "Band D|Band B|£1,950 a year|up 4.99%",
    "ref": "S.24/1234/FUL|24/00123/OUT|S.25/0456/HHOLD|ref 2024/117",
}

PII_TEMPLATES = [
    "Please contact me on {phone} if you need more detail about the {road} works.",
    "My email is {email}, I'd like updates on the consultation.",
    "I live at {address}, {postcode} and the bins have not been collected since {date}.",
    "{name} promised to sort out the potholes on {street} in {year} and nothing happened.",
    "The parking outside {address} is dangerous, cars come off the {road} far too fast.",
    "I am a carer, my NHS number is {nhs number} and the surgery keeps losing my records.",
    "My national insurance number is {ni number} if you need to check my council tax reduction.",
    "You can reach me at {email} or {phone} any time after {time}.",
    "We moved to {postcode} in {year} and {bus} has been cut twice since then.",
    "I spoke to {name} about the library hours but got no reply.",
    "Flooding at {address} again, that's {times} this year.",
    "Write to me at {address}, {postcode}.",
    "As {name} said at the meeting, {count} turned up and most of us were against it.",
    "Ring {phone} and ask for {name}, she runs the residents group.",
    "My details: {ni number}, {postcode}, {phone}.",
    "I was told by {name} that my NHS number ({nhs number}) would be shared with the council.",
    "The noise from the pub next to {address} goes on past {time} most nights.",
    "Please don't publish my email ({email}) but do count my objection.",
    "My postcode is {postcode}, which is in {ward} ward, and we have no bus after {time}.",
    "Tel: {phone}. Email: {email}. I object to the plan.",
    "I've lived at {address} since {year} and never seen the verge cut.",
    "{name} and {name} both knocked on my door about this.",
    "Dear Sir or Madam, I am writing about {address} and the dropped kerb. Regards, {name}",
    "NI no. {ni number}. I was asked for it on the form, I don't know why.",
    "Can {name} please call me back on {phone}?",
    "Please send the paper copy to {address}, {ward}, {postcode}.",
    "NHS no {nhs number}, I need the hospital transport service to keep running.",
    "My son's school is next to {address} and the traffic at {time} is awful.",
    "For the record I paid {price} for a permit, my reference is my NI number {ni number}.",
    "e-mail {email} with the outcome please.",
    "Contact: {name} <{email}>, tel:{phone}",
    "The form asked for my NI number ({ni number}) which seems unnecessary for a bus survey.",
    "Carer's assessment for my mum, NHS number {nhs number}, has been waiting since {date}.",
    "I gave {ni number} to the benefits team and they lost it.",
    "GP referral ({nhs number}) was sent to the wrong council.",
    "Our house ({address}) is the one with the broken streetlight, postcode {postcode}.",
    "The problem is outside my house ({postcode}), I am in {ward}.",
    "I'm {name}, I have been on {bus} {times} this week and it was late every time.",
]
# PII outside what the rules detect: untitled names not in extra terms, house names
# without a number. Labelled, so they count as misses.
HARD_TEMPLATES = [
    "My neighbour {plain} has complained about this for years.",
    "{plain} from the allotments agrees with me.",
    "I live at {house} and the lane floods every winter.",
]
HOUSES = "Rose Cottage|The Old Forge|Hillview|Ivy House|Wisteria Cottage"
# Written by hand, marked up as {{kind:text}}, before the detector was run on them: unusual
# wording and layouts the templates do not produce. Half carry PII.
HAND_WRITTEN = [
    "PLEASE CALL ME ON {{phone:07700 900 461}} I AM HOUSEBOUND",
    "my email is {{email:sue.b1954@hotmail.co.uk}} thank you",
    "mob {{phone:07700-900-812}} / home {{phone:01632 960 554}}",
    "Address: {{address:Flat 2B, 17 Lansdown Road}}, Stroud, {{postcode:GL5 1BN}}",
    "I'm at no. {{address:33 Bowbridge Lane}}, the house with the green door.",
    "Mrs {{name:Okafor}} at number 12 has been asking for a dropped kerb since 2019.",
    "Dr {{name:Nkemelu}} at Locking Hill surgery told me to write in.",
    "My husband's NHS No. is {{nhs number:943-476-5919}}, he is blind and cannot fill this in.",
    "NINO {{ni number:PZ 87 65 43 A}} - you asked for it on page 2.",
    "Contact {{email:parish.clerk@example-parish.org.uk}} for the parish council's view.",
    "We live on the corner of {{address:1 Paganhill Lane}} and Cashes Green Road.",
    "Reply to {{email:tom [at] greenfamily [dot] co [dot] uk}} please.",
    "Cllr {{name:Dave Harris}} and Cllr {{name:Fi Lane}} both support the crossing.",
    "Landline {{phone:(01453) 767 111}}, evenings only.",
    "It's {{address:5a Slad Road}} - the bins there are never emptied!",
    "Postcode {{postcode:gl6 8pe}}; my mother lives at {{postcode:GL5 3QP}}.",
    "Ask Rev. {{name:Ruth Bevan}}, she sees the rough sleepers every week.",
    "I am Professor {{name:Ahmed}}'s carer and use the 63 bus daily.",
    "Phone {{phone:+44 1632 960 909}} or write to {{address:4 Church Street}}.",
    "Sir {{name:Malcolm Reed}} opened the hall in 1987 and it needs repairs now.",
    "Route 64 leaves Merrywalks at 07:40 and 08:10, both full by Cainscross.",
    "We've had 3 floods in 10 years; the 2007 one was worst.",
    "At £4.20 a day the Cheapside car park is fine, £6 is not.",
    "The A46 through Nailsworth needs a 20mph limit between 7am and 7pm.",
    "Council tax went up 4.99% in April 2024 and the tip closed on Wednesdays.",
    "Over 2,000 people signed the petition about Stratford Park.",
    "The GL5 and GL6 areas have the worst broadband in the district.",
    "I ring 0300 123 4567 every week and nobody answers.",
    "Sundays 10-4 would suit families; weekdays 9.30-5.30 suits nobody working.",
    "The 93 and the 40 both stop at the Fire Station on London Road.",
    "Our ward (Uplands) has 1 bus an hour, and none after 18:30.",
    "Dear Sir, the B4066 at Uley is 1 in 5 and lorries still use it.",
    "In 1999 the High Street had 40 shops; now 12 are empty.",
    "Plan ref S.23/1987/FUL was approved on 05/09/2023 without consultation.",
    "Mr Blobby would run the council better, honestly.",
    "Phase 1 cost £2.3m and Phase 2 £4.1m; 60% of us said no.",
    "Platform 2 at Stroud station has no lift, 300 steps is too many.",
    "Junction 12 to Junction 13 on the M5 takes 25 minutes at 8.15am.",
    "Kids aged 11-16 need somewhere to go after 3.30pm.",
    "Bins collected every 2 weeks is not enough for a family of 6.",
]
EXTRA_TEMPLATES = [
    "This is {own} writing on behalf of the allotment society.",
    "{own} here, I support the new crossing near the school.",
    "Regards, {own}",
    "I complained to {staff} in planning about the {road} junction.",
]
NEGATIVE_TEMPLATES = [
    "The {road} is gridlocked every morning and {bus} is always late.",
    "Parking on {street} costs {price} now, up from {price} in {year}.",
    "I waited {wait} for {bus} on {date}, it never came.",
    "Everyone in {outward} uses {street} to get to the {road}.",
    "The library should open until {time} at least {times} a week.",
    "I rang the council on {helpline} and waited {wait}.",
    "Since {year} the {road} junction has got worse, we need a crossing on {street}.",
    "The consultation in {ward} ward had {share} of responses in favour.",
    "Council tax is {band} for us and the service has got worse since {year}.",
    "The meeting on {date} at {time} clashed with school pick-up.",
    "Please bring back {bus}, it's the only way {count} get to the hospital.",
    "Speed bumps on {street} would help, cars do 50 on the {road}.",
    "Planning application {ref} will add 40 houses' traffic to {street}.",
    "The leisure centre charges {price} for a swim, which is too much for a family of four.",
    "We counted 150 cars on {street} between {time} and {time}.",
    "Dear Sir or Madam, I object to the closure of the Stroud Central library.",
    "The Mayor opened the new park in {year}, but the toilets have been shut since {date}.",
    "From {outward} it takes {wait} by bike to reach {ward}.",
    "{share} of residents on {street} said the bins are collected at {time}, far too early.",
    "The {road} and {road} are the main routes and {bus} does not serve either.",
    "A permit costs {price} a year, and the zone covers 300 homes.",
    "Please phone {helpline} to report potholes, it's faster than the website.",
    "Opening hours 0930-1700 on weekdays and 10am-4pm on {date} are not enough.",
    "Our road was resurfaced in {year} and again on {date}, a waste of {price}.",
    "The Mr Whippy van parks on {street} every evening at {time}.",
    "Flat 3 above the chemist has been empty since {year}.",
    "Junction 13 of the M5 is 2.5 miles from {outward}, and the 10:15 to Gloucester is often cancelled.",
    "We need 20mph on {street}; in {year} there were {times} as many accidents.",
    "My grandson is 12 and takes {bus} to Archway School at 8.05.",
    "Number 10 will not listen, but {ward} councillors should.",
    "Only {share} of the 1,450 homes in {outward} have a footpath.",
    "St Laurence Church and the Five Valleys centre need better signs from the {road}.",
    "I called NHS 111 and then 999, and the ambulance took {wait}.",
    "Report anti-social behaviour on 101, not to the ward councillor.",
    "Young people aged 16-24 are 1 in 5 of the town but nobody asked them.",
    "Since the 1980s {street} has had the same potholes, fixed {times} at most.",
    "Unit 4 on the industrial estate is empty and so is the shop at the Cross.",
    "The survey had 2,345 replies; 1,020 (43.5%) said no to the {road} bypass.",
    "Bins at {time} on {date} woke the whole of {street}.",
    "At £2.50 return, {bus} is cheaper than parking on {street} for {wait}.",
]


def fill(
    template: str, rng: random.Random, extra: dict[str, str] | None = None
) -> tuple[str, list]:
    text, spans = "", []
    for index, part in enumerate(re.split(r"\{([a-z ]+)\}", template)):
        if index % 2 == 0:
            text += part
            continue
        if part in GENERATORS:
            value, kind = GENERATORS[part](rng), part
        elif part == "plain":
            value, kind = plain_name(rng), "name"
        elif part == "house":
            value = f"{rng.choice(HOUSES.split('|'))}, {rng.choice(STREETS)} {rng.choice(SUFFIXES)}"
            kind = "address"
        elif extra and part in extra:
            value, kind = extra[part], "name"
        else:
            value, kind = rng.choice(FILLERS[part].split("|")), None
        if kind == "name" and part == "name":  # the title stays unredacted
            title, _, name = value.partition(" ")
            text += title + " "
            value = name
        if kind:
            spans.append([kind, len(text), len(text) + len(value)])
        text += value
    return text, spans


def unmark(marked: str) -> tuple[str, list]:
    """ "Call {{phone:07700 900461}}" -> the plain text and its [kind, start, end] spans."""
    text, spans = "", []
    for index, part in enumerate(re.split(r"\{\{([a-z ]+:[^}]+)\}\}", marked)):
        if index % 2:
            kind, _, value = part.partition(":")
            spans.append([kind, len(text), len(text) + len(value)])
            part = value
        text += part
    return text, spans


def build_set(seed: int = 2026) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(130):
        rows.append((*fill(rng.choice(PII_TEMPLATES), rng), [], "template"))
    for index in range(9):  # each of them three times
        rows.append((*fill(HARD_TEMPLATES[index % 3], rng), [], "template"))
    for _ in range(16):
        own, staff = plain_name(rng), plain_name(rng)
        text, spans = fill(rng.choice(EXTRA_TEMPLATES), rng, {"own": own, "staff": staff})
        rows.append((text, spans, [own, staff], "template"))
    for _ in range(155):
        rows.append((*fill(rng.choice(NEGATIVE_TEMPLATES), rng), [], "template"))
    rows += [(*unmark(text), [], "hand") for text in HAND_WRITTEN]
    rng.shuffle(rows)
    return [{"text": t, "spans": s, "extra_terms": e, "source": o} for t, s, e, o in rows]


def write_set(rows: list[dict]) -> None:
    with SET.open("w", newline="", encoding="utf-8") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "spans", "extra_terms", "source"])
        for number, row in enumerate(rows, 1):
            spans, terms = json.dumps(row["spans"]), json.dumps(row["extra_terms"])
            writer.writerow([number, row["text"], spans, terms, row["source"]])


def read_set() -> list[dict]:
    with SET.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [
        {
            "text": row["text"],
            "spans": [tuple(s) for s in json.loads(row["spans"])],
            "extra_terms": json.loads(row["extra_terms"]),
            "source": row["source"],
        }
        for row in csv.DictReader(lines)
    ]
