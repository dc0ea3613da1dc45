#!/usr/bin/env python3
"""Generates include/pith/detail/lexicon_data.hpp from pith's language data.

Sources (the single source of truth; edit these, never the header):
  data/stopwords-iso/stopwords-iso.json   stop words per language (stopwords-iso, MIT)
  data/chrome_lexicon.tsv                 UI phrases: category<TAB>lang<TAB>phrase

Run from anywhere:   python3 tools/gen_lexicon.py
Check only:          python3 tools/gen_lexicon.py --check   (exit 1 if the header is stale)

The output is deterministic: every list is normalised (NFC, lower-case) and
sorted by UTF-8 bytes, which is the order std::string_view's operator< uses,
so the C++ side can binary-search it with std::lower_bound.

Stop-word filtering. stopwords-iso lists are alphabetical, not ordered by
frequency, so they cannot be cut to the most frequent N. Instead each list is
kept whole except for entries that can never help and only add noise:
  1. entries of more than 3 words (Vietnamese and Korean carry whole phrases;
     the C++ side looks words up one at a time);
  2. entries containing a digit ("10", "39", "0".."9", full-width digits):
     numbers are not stop words and say nothing about the language;
  3. single Latin letters, except where the letter is a real word of that
     language (SINGLE_LETTER_WORDS: en "a"/"i", es "y"/"o", pl "w"/"z", ...);
     the others ("b", "c", ... in de/en/es/fr) are list-building debris;
  4. entries with no letter at all (ko/zh/fa carry "!", "、", "＄"): the word
     splitter never yields punctuation, so they could never match;
  5. entries with characters the word splitter breaks on (".", ",", "|", "^",
     ZWNJ...) anywhere but between two letters: "ei," or Persian "می‌شود"
     (ZWNJ splits it) can never arrive as one word. Inner ' ’ - . are fine
     ("z.b", "don't"), and a final abbreviation dot is dropped ("etc." -> "etc"),
     as the splitter hands those over;
  6. entries whose letters are not in the language's script (a Latin "c" in
     the Russian list, a Cyrillic "о" in the Hungarian one);
  7. entries with Latin letters that the language's alphabet does not have,
     after repairing known mojibake (Lithuanian and Turkish lists partly went
     through a legacy code page: "abiejø" is "abiejų", "deđil" is "değil";
     Greek deltas typed as U+2206 and Czech ď/ť typed as d'/t' are repaired too);
  8. English only: the two-letter ISO country codes the list embeds ("ae",
     "af", ... "zw"; they collide with real words of other languages such as
     "de", "es", "et"), except the two-letter English words in EN_TWO_LETTER.
Entries with an ASCII apostrophe also get a copy with U+2019 (typographic
apostrophe), since web text uses both ("don't" / "don’t").

Detection aids: CUE_LETTERS lists letters only one or a few of the languages
write; they are emitted as kCueLetters and count as a little extra evidence.

Chrome phrases: lower-cased, NFC, white space folded; apostrophes doubled the
same way. A phrase listed under two languages in one category is kept once
with both tags; a phrase under two categories is an error (the matcher must
know which family a phrase belongs to).
"""
import argparse
import collections
import json
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STOPWORDS_JSON = os.path.join(ROOT, "data", "stopwords-iso", "stopwords-iso.json")
CHROME_TSV = os.path.join(ROOT, "data", "chrome_lexicon.tsv")
OUT = os.path.join(ROOT, "include", "pith", "detail", "lexicon_data.hpp")

# The languages pith knows, with the script detection assigns them by.
# More stopwords-iso languages are not added on purpose: close pairs (ms/id,
# gl/pt, af/nl) and extra Arabic-script lists (ur) would blur detection.
LANGUAGES = {
    "ar": "Arabic", "bg": "Cyrillic", "ca": "Latin", "cs": "Latin", "da": "Latin", "de": "Latin",
    "el": "Greek", "en": "Latin", "es": "Latin", "et": "Latin", "fa": "Arabic", "fi": "Latin",
    "fr": "Latin", "he": "Hebrew", "hi": "Devanagari", "hr": "Latin", "hu": "Latin", "id": "Latin",
    "it": "Latin", "ja": "Japanese", "ko": "Hangul", "lt": "Latin", "lv": "Latin", "nl": "Latin",
    "no": "Latin", "pl": "Latin", "pt": "Latin", "ro": "Latin", "ru": "Cyrillic", "sk": "Latin",
    "sl": "Latin", "sv": "Latin", "th": "Thai", "tr": "Latin", "uk": "Cyrillic", "vi": "Latin",
    "zh": "Han",
}
SCRIPTS = ["Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Thai", "Devanagari", "Hangul", "Han", "Japanese"]

# Unicode character-name prefixes that make up each script (combining marks
# are checked by category instead; see letters_in_script).
SCRIPT_NAME_PREFIXES = {
    "Latin": ("LATIN",),
    "Cyrillic": ("CYRILLIC",),
    "Greek": ("GREEK",),
    "Arabic": ("ARABIC",),
    "Hebrew": ("HEBREW",),
    "Thai": ("THAI",),
    "Devanagari": ("DEVANAGARI",),
    "Hangul": ("HANGUL",),
    "Han": ("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH"),
    "Japanese": ("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC ITERATION"),
}

# Letters that only one or a few of pith's languages write. Detection counts
# them as extra evidence (split among the languages sharing a letter), which
# settles short texts whose few stop words several languages share, and tells
# the Cyrillic (ru/uk/bg) and Arabic-script (ar/fa) languages apart.
CUE_LETTERS = {
    "ca": "ŀò", "cs": "řěůďťň", "da": "æøå", "de": "ßäöü", "es": "ñ", "et": "õäöü", "fi": "äöå",
    "fr": "œçèêëùû", "hr": "đćč", "hu": "őűö", "it": "òùè", "lt": "ėįųūąęč", "lv": "āēīūķļņģč",
    "no": "æøå", "pl": "łąęśźżńć", "pt": "ãõçê", "ro": "ășțşţ", "sk": "ľĺŕôďťňä", "sl": "č",
    "sv": "åäö", "tr": "ığşçöü", "vi": "ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "uk": "іїєґ", "ru": "ыэё", "bg": "ъ", "fa": "پچژگکی",
}

# Single letters that are words of their own in a language (conjunctions,
# prepositions, articles, pronouns, particles).
SINGLE_LETTER_WORDS = {
    "ca": set("aio"), "cs": set("aikosuvz"), "da": set("iå"), "en": set("ai"), "es": set("aeouy"),
    "fr": set("aày"), "hr": set("aiosuk"), "hu": set("aeső"), "it": set("aeèio"), "lt": set("o"),
    "nl": set("u"), "no": set("iå"), "pl": set("aiouwz"), "pt": set("aeoàé"), "ro": set("aeo"),
    "sk": set("aikosuvz"), "sl": set("akosvz"), "sv": set("i"), "tr": set("o"),
    "vi": None,  # None: every single letter in the list is kept (Vietnamese ở, à, ạ, ừ... are words)
}

# Letters beyond a-z that each Latin-script language writes. Vietnamese is not
# checked (its letters with stacked diacritics are too many to list usefully).
ALPHABETS = {
    "ca": "àèéíïòóúüç", "cs": "áčďéěíňóřšťúůýž", "da": "æøåé", "de": "äöüß", "en": "",
    "es": "áéíóúüñ", "et": "äöõüšž", "fi": "äöåšž", "fr": "àâæçéèêëîïôœùûüÿ", "hr": "čćđšž",
    "hu": "áéíóöőúüű", "id": "", "it": "àèéìíîòóùú", "lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž",
    "nl": "áéëèïóöü", "no": "æøåéèóòô", "pl": "ąćęłńóśźż", "pt": "áâãàçéêíóôõú", "ro": "ăâîșşțţ",
    "sk": "áäčďéíĺľňóôŕšťúýž", "sl": "čšžćđ", "sv": "åäöé", "tr": "çğıöşüâîû",
}


def repair_lt(w):
    # The Lithuanian list was saved as Windows-1257 and read as Windows-1252.
    try:
        return w.encode("cp1252").decode("cp1257")
    except UnicodeError:
        return w


# Turkish letters read through Windows-1252 (ý þ) or Windows-1250 (đ ţ).
TR_REPAIR = str.maketrans({"ý": "ı", "þ": "ş", "đ": "ğ", "ţ": "ş"})
# Hungarian ő/ű read through Windows-1252; Norwegian ø mangled into û/ö.
HU_REPAIR = str.maketrans({"õ": "ő", "û": "ű"})
NO_REPAIR = str.maketrans({"û": "ø", "ö": "ø"})
# Greek: U+2206 INCREMENT typed for delta ("η∆η" is "ηδη").
EL_REPAIR = str.maketrans({"\u2206": "δ"})


def repair_cs(w):
    # Czech ď/ť typed as d'/t' at the end of a word ("ted'" is "teď").
    if w.endswith("d'"):
        return w[:-2] + "ď"
    if w.endswith("t'"):
        return w[:-2] + "ť"
    return w


REPAIRS = {
    "cs": repair_cs,
    "el": lambda w: w.translate(EL_REPAIR),
    "lt": repair_lt,
    "tr": lambda w: w.translate(TR_REPAIR),
    "hu": lambda w: w.translate(HU_REPAIR),
    "no": lambda w: w.translate(NO_REPAIR),
}

# Two-letter English words kept when the country codes are removed.
EN_TWO_LETTER = {
    "ah", "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me", "my",
    "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
}

# Chrome categories, in the order of their ids (ChromeHit::category).
CATEGORIES = ["skip", "nav", "share", "comment", "subscribe", "related", "legal", "account", "ad", "media", "meta"]


def norm(s):
    return unicodedata.normalize("NFC", " ".join(s.split())).lower()


def is_letter(ch):
    return unicodedata.category(ch)[0] == "L"


def is_mark(ch):
    return unicodedata.category(ch)[0] == "M"


def in_script(ch, script):
    return unicodedata.name(ch, "").startswith(SCRIPT_NAME_PREFIXES[script])


def splitter_safe(word):
    """True when pith::detail::for_each_word could hand over this entry whole:
    letters and marks, with ' ’ - only between two of them (plus the spaces
    between the words of a multi-word entry)."""
    for part in word.split(" "):
        if not part:
            return False
        for i, ch in enumerate(part):
            if is_letter(ch) or is_mark(ch):
                continue
            if ch in "'\u2019-." and 0 < i < len(part) - 1:
                continue
            return False
    return True


def filter_stopwords(lang, raw):
    script = LANGUAGES[lang]
    dropped = collections.Counter()
    keep = set()
    repair = REPAIRS.get(lang)
    for entry in raw:
        w = norm(entry)
        if repair:
            w = norm(repair(w))
        # An abbreviation's final dot never reaches the lookup ("etc." arrives as "etc").
        if len(w) > 2 and w.endswith(".") and w[-2] != ".":
            w = w[:-1]
        if not w:
            continue
        if len(w.split(" ")) > 3:
            dropped["more than 3 words"] += 1
            continue
        if any(unicodedata.category(ch) == "Nd" or ch.isdigit() for ch in w):
            dropped["digits"] += 1
            continue
        if not any(is_letter(ch) for ch in w):
            dropped["no letter"] += 1
            continue
        if len(w) == 1 and in_script(w, "Latin"):
            allowed = SINGLE_LETTER_WORDS.get(lang, set())
            if allowed is not None and w not in allowed:
                dropped["single Latin letter"] += 1
                continue
        if not splitter_safe(w):
            dropped["punctuation inside"] += 1
            continue
        if not all(in_script(ch, script) for ch in w if is_letter(ch)):
            dropped["foreign script"] += 1
            continue
        if lang in ALPHABETS:
            extra = ALPHABETS[lang]
            if any(is_letter(ch) and not ("a" <= ch <= "z") and ch not in extra for ch in w):
                dropped["letter not in alphabet"] += 1
                continue
        if lang == "en" and len(w) == 2 and w.isalpha() and w not in EN_TWO_LETTER:
            dropped["country code"] += 1
            continue
        keep.add(w)
        if "'" in w:
            keep.add(w.replace("'", "\u2019"))
    return sorted(keep, key=lambda s: s.encode("utf-8")), dropped


def load_chrome():
    by_cat = {c: {} for c in CATEGORIES}
    owner = {}
    with open(CHROME_TSV, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"{CHROME_TSV}:{lineno}: expected category<TAB>lang<TAB>phrase, got {line!r}")
            cat, lang, phrase = (p.strip() for p in parts)
            if cat not in by_cat:
                sys.exit(f"{CHROME_TSV}:{lineno}: unknown category {cat!r} (known: {', '.join(CATEGORIES)})")
            if lang not in LANGUAGES and lang != "*":
                sys.exit(f"{CHROME_TSV}:{lineno}: unknown language {lang!r}")
            p = norm(phrase)
            if not p:
                continue
            variants = [p] + ([p.replace("'", "\u2019")] if "'" in p else [])
            for v in variants:
                if v in owner and owner[v] != cat:
                    sys.exit(f"{CHROME_TSV}:{lineno}: {v!r} is in both {owner[v]!r} and {cat!r}")
                owner[v] = cat
                langs = by_cat[cat].setdefault(v, [])
                if lang not in langs:
                    langs.append(lang)
    return CATEGORIES, by_cat


def cpp_str(s):
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20:
            out.append("\\x%02x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def wrap(items, indent="    ", width=110):
    lines, cur = [], indent
    for it in items:
        piece = it + ", "
        if len(cur) + len(piece) > width and cur.strip():
            lines.append(cur.rstrip())
            cur = indent
        cur += piece
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines)


def generate():
    with open(STOPWORDS_JSON, encoding="utf-8") as f:
        raw = json.load(f)
    langs = sorted(LANGUAGES)
    assert len(langs) <= 64, "the union table stores language sets as 64-bit masks"
    lists, report = {}, {}
    for lang in langs:
        lists[lang], dropped = filter_stopwords(lang, raw[lang])
        report[lang] = (len(raw[lang]), len(lists[lang]), dropped)

    union = collections.defaultdict(int)
    for i, lang in enumerate(langs):
        for w in lists[lang]:
            union[w] |= 1 << i
    union_words = sorted(union, key=lambda s: s.encode("utf-8"))
    cues = collections.defaultdict(int)
    for lang, letters in CUE_LETTERS.items():
        for ch in letters:
            cues[ord(ch)] |= 1 << langs.index(lang)

    cat_order, chrome = load_chrome()

    o = []
    o.append("// pith/detail/lexicon_data.hpp — GENERATED by tools/gen_lexicon.py. DO NOT EDIT.")
    o.append("//")
    o.append("// Sources: data/stopwords-iso/stopwords-iso.json (stopwords-iso 1.1.0, MIT) and")
    o.append("// data/chrome_lexicon.tsv. Edit those and regenerate from the repository root:")
    o.append("//   python3 tools/gen_lexicon.py")
    o.append("// Every list is NFC, lower-case and sorted by UTF-8 bytes (std::string_view order),")
    o.append("// so lookups are std::lower_bound over constexpr arrays: no allocation, no init.")
    o.append("// The filtering applied to the stop-word lists is described in the generator.")
    o.append("#pragma once")
    o.append("")
    o.append("#include <cstddef>")
    o.append("#include <cstdint>")
    o.append("#include <string_view>")
    o.append("")
    o.append("namespace pith::detail::lexdata {")
    o.append("")
    o.append("/// The writing system detection assigns a language by.")
    o.append("enum class Script : std::uint8_t { " + ", ".join(SCRIPTS) + " };")
    o.append("")
    o.append("// --- stop words, one sorted list per language ---------------------------------")
    o.append("")
    for lang in langs:
        n_raw, n_kept, dropped = report[lang]
        why = ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())) or "nothing"
        o.append(f"// {lang}: {n_kept} words ({n_raw} in the source; dropped: {why}).")
        o.append(f"inline constexpr std::string_view kStop_{lang}[] = {{")
        o.append(wrap([cpp_str(w) for w in lists[lang]]))
        o.append("};")
        o.append("")
    o.append("struct Language {")
    o.append("  std::string_view tag;            // ISO 639-1")
    o.append("  Script script;")
    o.append("  const std::string_view* words;   // sorted stop words")
    o.append("  std::size_t count;")
    o.append("};")
    o.append("")
    o.append("/// Indexed by pith::lexicon::LangId; sorted by tag.")
    o.append("inline constexpr Language kLanguages[] = {")
    for lang in langs:
        o.append(f"    {{\"{lang}\", Script::{LANGUAGES[lang]}, kStop_{lang}, {len(lists[lang])}}},")
    o.append("};")
    o.append(f"inline constexpr std::size_t kLanguageCount = {len(langs)};")
    o.append("")
    o.append("/// Every stop word of every language once, sorted, with the set of languages")
    o.append("/// (bit i = kLanguages[i]) whose list has it: detection does one search per word.")
    o.append("inline constexpr std::string_view kAllStopwords[] = {")
    o.append(wrap([cpp_str(w) for w in union_words]))
    o.append("};")
    o.append("inline constexpr std::uint64_t kAllStopwordLangs[] = {")
    o.append(wrap([f"0x{union[w]:x}" for w in union_words]))
    o.append("};")
    o.append(f"inline constexpr std::size_t kAllStopwordCount = {len(union_words)};")
    o.append("")
    o.append("/// Letters only a few languages write (bit i = kLanguages[i]), sorted by code point.")
    o.append("struct CueLetter {")
    o.append("  char32_t cp;")
    o.append("  std::uint64_t langs;")
    o.append("};")
    o.append("inline constexpr CueLetter kCueLetters[] = {")
    o.append(wrap([f"{{0x{cp:04X}, 0x{cues[cp]:x}}}" for cp in sorted(cues)]))
    o.append("};")
    o.append(f"inline constexpr std::size_t kCueLetterCount = {len(cues)};")
    o.append("")
    o.append("// --- chrome lexicon: UI phrases per category ---------------------------------")
    o.append("")
    o.append("struct ChromePhrase {")
    o.append("  std::string_view text;  // lower-case, NFC, single spaces")
    o.append("  std::string_view langs;  // language tags, comma-separated (\"*\" = any)")
    o.append("};")
    o.append("")
    for cat in cat_order:
        phrases = sorted(chrome[cat], key=lambda s: s.encode("utf-8"))
        per_lang = collections.Counter(l for p in phrases for l in chrome[cat][p])
        o.append(f"// {cat}: {len(phrases)} phrases (" + ", ".join(f"{l} {n}" for l, n in sorted(per_lang.items())) + ").")
        o.append(f"inline constexpr ChromePhrase kChrome_{cat}[] = {{")
        o.append(wrap([f"{{{cpp_str(p)}, \"{','.join(chrome[cat][p])}\"}}" for p in phrases]))
        o.append("};")
        o.append("")
    o.append("struct ChromeCategory {")
    o.append("  std::string_view name;")
    o.append("  const ChromePhrase* phrases;")
    o.append("  std::size_t count;")
    o.append("};")
    o.append("")
    o.append("/// Indexed by the category number pith::lexicon::ChromeHit reports.")
    o.append("inline constexpr ChromeCategory kChromeCategories[] = {")
    for cat in cat_order:
        o.append(f"    {{\"{cat}\", kChrome_{cat}, {len(chrome[cat])}}},")
    o.append("};")
    o.append(f"inline constexpr int kChromeCategoryCount = {len(cat_order)};")
    o.append("")
    o.append("}  // namespace pith::detail::lexdata")
    o.append("")
    return "\n".join(o), report, chrome, cat_order


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the header is not up to date")
    ap.add_argument("--report", action="store_true", help="print list sizes and phrase counts")
    args = ap.parse_args()
    text, report, chrome, cat_order = generate()
    if args.report:
        for lang, (n_raw, n_kept, dropped) in report.items():
            print(f"{lang}\t{n_raw}\t{n_kept}\t" + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())))
        per_lang = collections.Counter()
        for cat in cat_order:
            for p, ls in chrome[cat].items():
                for l in ls:
                    per_lang[l] += 1
        print("chrome phrases per language:", dict(sorted(per_lang.items())))
    if args.check:
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            print(f"{OUT} is stale: run python3 tools/gen_lexicon.py", file=sys.stderr)
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
