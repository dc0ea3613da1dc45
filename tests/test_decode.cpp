// Tests of the decode stage (include/pith/decode.hpp): real prose in every
// charset pith must read, both declared (<meta> in an HTML page, transport
// hint) and undeclared (detected), plus the decision rules one by one: BOMs,
// lying and hidden declarations, the prescan's quoting rules, UTF-8 repair,
// NFC, binary refusal and large inputs.
//
// Inputs are encoded in-test from UTF-8 with ICU (a failing encode fails the
// test), so the expected output is always the UTF-8 source text itself.
#include <gtest/gtest.h>
#include <pith/decode.hpp>

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::string_literals;
using namespace std::string_view_literals;

/// Encodes UTF-8 text into `charset` with ICU; any unmappable character is a
/// test failure, so the fixtures are exactly representable.
std::string encode(std::string_view utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode ec = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(charset, &ec);
  EXPECT_TRUE(U_SUCCESS(ec)) << charset << ": " << u_errorName(ec);
  if (U_FAILURE(ec)) return {};
  ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 16, '\0');
  int32_t n = ucnv_fromUChars(cnv, &out[0], static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &ec);
  ucnv_close(cnv);
  EXPECT_TRUE(U_SUCCESS(ec)) << "text not representable in " << charset << ": " << u_errorName(ec);
  out.resize(U_SUCCESS(ec) ? static_cast<std::size_t>(n) : 0);
  return out;
}

bool is_nfc(const std::string& s) {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  return nfc->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), ec) && U_SUCCESS(ec);
}

/// A small but complete article page; `head_extra` goes first in <head>.
std::string page(std::string_view lang, std::string_view head_extra, std::string_view title, std::string_view p1,
                 std::string_view p2) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang) + "\">\n<head>\n";
  s += head_extra;
  s += "<title>" + std::string(title) + "</title>\n</head>\n<body>\n<article>\n<h1>" + std::string(title) + "</h1>\n<p>";
  s += std::string(p1) + "</p>\n<p>" + std::string(p2) + "</p>\n</article>\n</body>\n</html>\n";
  return s;
}

// --- the prose ---------------------------------------------------------------

struct Sample {
  const char* id;          // test name suffix
  const char* lang;        // html lang
  const char* encode_as;   // ICU name the bytes are produced with
  const char* label;       // label used in <meta charset> and as the hint
  const char* expected;    // Decoded::charset pith must report
  const char* title;
  const char* p1;
  const char* p2;
};

const char* const kRussian1 =
    "Вчера вечером в городском совете прошло долгое обсуждение бюджета на следующий год. Депутаты согласились "
    "выделить деньги на ремонт школ и строительство новой библиотеки. Мэр пообещал, что работы начнутся весной и "
    "закончатся до конца осени. Многие жители, пришедшие на заседание, всё же высказали опасения по поводу пробок во "
    "время стройки.";
const char* const kRussian2 =
    "Заседание закончилось незадолго до полуночи. Следующее собрание назначено на март, после публикации финансового "
    "отчёта.";
const char* const kJapanese1 =
    "昨日の夜、市議会で来年度の予算について長い議論が行われました。議員たちは学校の改修と新しい図書館の建設に資金を充てる"
    "ことで合意しました。市長は、工事は春に始まり、秋の終わりまでに完了すると約束しました。しかし、会議に参加した多くの住"
    "民は、工事中の交通渋滞について不安を述べました。";
const char* const kJapanese2 = "会議は真夜中の少し前に終わりました。次回の会議は、財務報告書が公表された後の三月に開かれる予定です。";

const Sample kSamples[] = {
    {"French_windows1252", "fr", "windows-1252", "windows-1252", "windows-1252",
     "Budget municipal : feu vert pour la bibliothèque",
     "Le conseil municipal s’est réuni vendredi soir pour débattre du budget de l’année prochaine. Après trois heures "
     "de discussions animées, les élus ont approuvé la rénovation de la bibliothèque et l’agrandissement du marché "
     "couvert. Le maire a déclaré que ces travaux commenceraient dès le printemps et qu’ils seraient financés sans "
     "hausse d’impôts. Plusieurs habitants, venus nombreux, ont néanmoins exprimé leurs inquiétudes quant à la "
     "circulation pendant le chantier.",
     "La séance s’est terminée peu avant minuit. Le prochain conseil aura lieu en mars, après la publication du "
     "rapport financier."},
    {"German_windows1252", "de", "windows-1252", "cp1252", "windows-1252", "Stadtrat beschließt Haushalt",
     "Der Stadtrat hat am Freitagabend über den Haushalt für das kommende Jahr beraten. Nach drei Stunden lebhafter "
     "Diskussion stimmten die Mitglieder der Renovierung der Bücherei und der Erweiterung des Wochenmarkts zu. Die "
     "Bürgermeisterin erklärte, die Arbeiten würden im Frühjahr beginnen und ohne Steuererhöhungen finanziert. Viele "
     "Anwohner äußerten dennoch Bedenken wegen des Verkehrs während der Bauzeit.",
     "Die Sitzung endete kurz vor Mitternacht. Der nächste Termin ist für März geplant, nachdem der Finanzbericht "
     "veröffentlicht worden ist."},
    {"Spanish_windows1252", "es", "windows-1252", "Windows-1252", "windows-1252",
     "El ayuntamiento aprueba la reforma de la biblioteca",
     "El ayuntamiento se reunió el viernes por la noche para debatir el presupuesto del próximo año. Tras tres horas "
     "de discusión, los concejales aprobaron la renovación de la biblioteca y la ampliación del mercado municipal. La "
     "alcaldesa aseguró que las obras empezarán en primavera y que no habrá subida de impuestos. ¿Cuánto durarán los "
     "trabajos? Nadie quiso dar una fecha exacta, pero los vecinos esperan que terminen antes del otoño.",
     "La sesión terminó poco antes de la medianoche. La próxima reunión se celebrará en marzo, después de que se "
     "publique el informe económico."},
    // ISO-8859-1 is decoded as its superset windows-1252, as browsers do.
    {"Portuguese_iso88591", "pt", "ISO-8859-1", "ISO-8859-1", "windows-1252", "Câmara aprova orçamento",
     "A câmara municipal reuniu-se na sexta-feira à noite para discutir o orçamento do próximo ano. Depois de três "
     "horas de debate, os vereadores aprovaram a renovação da biblioteca e a ampliação do mercado. O presidente da "
     "câmara afirmou que as obras começarão na primavera e não exigirão novos impostos. Muitos moradores, porém, "
     "manifestaram preocupação com o trânsito durante a construção.",
     "A sessão terminou pouco antes da meia-noite. A próxima reunião está marcada para março, depois da publicação do "
     "relatório financeiro."},
    {"Polish_iso88592", "pl", "ISO-8859-2", "iso-8859-2", "ISO-8859-2", "Rada miasta przyjęła budżet",
     "Rada miasta zebrała się w piątek wieczorem, aby omówić budżet na przyszły rok. Po trzech godzinach burzliwej "
     "dyskusji radni zgodzili się na remont biblioteki i rozbudowę targowiska. Burmistrz zapewniła, że prace ruszą "
     "wiosną i nie będą wymagały podwyżki podatków. Wielu mieszkańców wyraziło jednak obawy związane z korkami w "
     "czasie budowy.",
     "Posiedzenie zakończyło się tuż przed północą. Następna sesja odbędzie się w marcu, po opublikowaniu "
     "sprawozdania finansowego."},
    {"Czech_iso88592", "cs", "ISO-8859-2", "ISO-8859-2", "ISO-8859-2", "Zastupitelé schválili rozpočet",
     "Městská rada se v pátek večer sešla, aby projednala rozpočet na příští rok. Po třech hodinách živé debaty "
     "zastupitelé schválili opravu knihovny a rozšíření tržnice. Starostka ujistila, že práce začnou na jaře a "
     "nebudou vyžadovat zvýšení daní. Mnozí obyvatelé přesto vyjádřili obavy z dopravních komplikací během stavby.",
     "Zasedání skončilo krátce před půlnocí. Příští jednání se uskuteční v březnu, až bude zveřejněna finanční "
     "zpráva."},
    {"Russian_windows1251", "ru", "windows-1251", "windows-1251", "windows-1251", "Горсовет утвердил бюджет", kRussian1,
     kRussian2},
    {"Russian_koi8r", "ru", "KOI8-R", "koi8-r", "KOI8-R", "Горсовет утвердил бюджет", kRussian1, kRussian2},
    {"Japanese_shiftjis", "ja", "Shift_JIS", "Shift_JIS", "Shift_JIS", "市議会、来年度予算を可決", kJapanese1, kJapanese2},
    {"Japanese_eucjp", "ja", "EUC-JP", "euc-jp", "EUC-JP", "市議会、来年度予算を可決", kJapanese1, kJapanese2},
    // GBK/GB2312 labels are decoded with the GB18030 superset (WHATWG does the same).
    {"ChineseSimplified_gbk", "zh-CN", "GBK", "gb2312", "GB18030", "市议会通过明年预算",
     "昨天晚上，市议会就明年的预算进行了长时间的讨论。议员们同意拨款用于修缮学校和建设一座新的图书馆。市长承诺，工程将在"
     "春天开工，并在秋天结束前完工。不过，许多前来旁听的居民仍然对施工期间的交通拥堵表示担忧。",
     "会议在午夜前不久结束。下一次会议定于三月举行，届时财务报告将已公布。"},
    {"ChineseTraditional_big5", "zh-TW", "Big5", "big5", "Big5", "市議會通過明年預算",
     "昨天晚上，市議會就明年的預算進行了長時間的討論。議員們同意撥款用於修繕學校和興建一座新的圖書館。市長承諾，工程將在"
     "春天開工，並在秋天結束前完工。不過，許多前來旁聽的居民仍然對施工期間的交通壅塞表示擔憂。",
     "會議在午夜前不久結束。下一次會議定於三月舉行，屆時財務報告將已公布。"},
};

std::string plain_text(const Sample& s) { return std::string(s.p1) + "\n\n" + s.p2 + "\n"; }

class DecodeCharset : public ::testing::TestWithParam<Sample> {};

TEST_P(DecodeCharset, DeclaredByMetaCharset) {
  const Sample& s = GetParam();
  std::string html = page(s.lang, "<meta charset=\""s + s.label + "\">\n", s.title, s.p1, s.p2);
  pith::Decoded d = pith::decode(encode(html, s.encode_as));
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, s.expected);
  EXPECT_EQ(d.text, html);
}

TEST_P(DecodeCharset, DeclaredByHttpEquiv) {
  const Sample& s = GetParam();
  std::string meta = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset="s + s.label + "\">\n";
  std::string html = page(s.lang, meta, s.title, s.p1, s.p2);
  pith::Decoded d = pith::decode(encode(html, s.encode_as));
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, s.expected);
  EXPECT_EQ(d.text, html);
}

TEST_P(DecodeCharset, DeclaredByTransportHint) {
  const Sample& s = GetParam();
  std::string text = plain_text(s);
  pith::Decoded d = pith::decode(encode(text, s.encode_as), s.label, false);
  EXPECT_EQ(d.method, "hint");
  EXPECT_EQ(d.charset, s.expected);
  EXPECT_EQ(d.text, text);
}

TEST_P(DecodeCharset, UndeclaredPlainTextIsDetected) {
  const Sample& s = GetParam();
  std::string text = plain_text(s);
  pith::Decoded d = pith::decode(encode(text, s.encode_as), {}, false);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, s.expected);
  EXPECT_GT(d.confidence, 10);
  EXPECT_EQ(d.text, text);
}

TEST_P(DecodeCharset, UndeclaredHtmlIsDetected) {
  const Sample& s = GetParam();
  std::string html = page(s.lang, "", s.title, s.p1, s.p2);
  pith::Decoded d = pith::decode(encode(html, s.encode_as));
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, s.expected);
  EXPECT_EQ(d.text, html);
}

TEST_P(DecodeCharset, SameProseInUtf8NeedsNoDetection) {
  const Sample& s = GetParam();
  std::string html = page(s.lang, "", s.title, s.p1, s.p2);
  pith::Decoded d = pith::decode(html);
  EXPECT_EQ(d.method, "utf8");
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_EQ(d.text, html);
}

INSTANTIATE_TEST_SUITE_P(DecodeProse, DecodeCharset, ::testing::ValuesIn(kSamples),
                         [](const ::testing::TestParamInfo<Sample>& info) { return std::string(info.param.id); });

// --- byte order marks and UTF-16/32 -------------------------------------------

std::string russian_text() { return std::string(kRussian1) + "\n\n" + kRussian2 + "\n"; }
std::string japanese_text() { return std::string(kJapanese1) + "\n\n" + kJapanese2 + "\n"; }

TEST(DecodeBom, Utf8BomIsStripped) {
  std::string text = russian_text();
  pith::Decoded d = pith::decode("\xEF\xBB\xBF" + text, {}, false);
  EXPECT_EQ(d.method, "bom");
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_EQ(d.text, text);
}

TEST(DecodeBom, Utf16LittleEndianWithBom) {
  std::string text = russian_text();
  pith::Decoded d = pith::decode("\xFF\xFE" + encode(text, "UTF-16LE"), {}, false);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.method, "bom");
  EXPECT_EQ(d.charset, "UTF-16LE");
  EXPECT_EQ(d.text, text);
}

TEST(DecodeBom, Utf16BigEndianWithBom) {
  std::string text = japanese_text();
  pith::Decoded d = pith::decode("\xFE\xFF" + encode(text, "UTF-16BE"), {}, false);
  EXPECT_EQ(d.method, "bom");
  EXPECT_EQ(d.charset, "UTF-16BE");
  EXPECT_EQ(d.text, text);
}

TEST(DecodeBom, Utf16HtmlWithBomAndMeta) {
  std::string html = page("ja", "<meta charset=\"utf-16\">\n", "市議会、来年度予算を可決", kJapanese1, kJapanese2);
  pith::Decoded le = pith::decode("\xFF\xFE" + encode(html, "UTF-16LE"));
  EXPECT_EQ(le.method, "bom");
  EXPECT_EQ(le.charset, "UTF-16LE");
  EXPECT_EQ(le.text, html);
  pith::Decoded be = pith::decode("\xFE\xFF" + encode(html, "UTF-16BE"));
  EXPECT_EQ(be.method, "bom");
  EXPECT_EQ(be.charset, "UTF-16BE");
  EXPECT_EQ(be.text, html);
}

TEST(DecodeBom, Utf32BothEndiannesses) {
  std::string text = russian_text() + "Emoji outside the BMP: 🎉\n";
  std::string le_bytes = "\xFF\xFE\0\0"s + encode(text, "UTF-32LE");
  pith::Decoded le = pith::decode(le_bytes, {}, false);
  EXPECT_EQ(le.method, "bom");
  EXPECT_EQ(le.charset, "UTF-32LE");  // not UTF-16LE, whose BOM is a prefix of this one
  EXPECT_EQ(le.text, text);
  pith::Decoded be = pith::decode("\0\0\xFE\xFF"s + encode(text, "UTF-32BE"), {}, false);
  EXPECT_EQ(be.method, "bom");
  EXPECT_EQ(be.charset, "UTF-32BE");
  EXPECT_EQ(be.text, text);
}

TEST(DecodeBom, BomBeatsHintAndMeta) {
  std::string html = page("ru", "<meta charset=\"koi8-r\">\n", "Горсовет утвердил бюджет", kRussian1, kRussian2);
  pith::Decoded d = pith::decode("\xEF\xBB\xBF" + html, "windows-1251");
  EXPECT_EQ(d.method, "bom");
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_EQ(d.text, html);
}

TEST(DecodeBom, Utf16WithoutBomIsRecognisedByStructure) {
  // The <meta> is invisible to the ASCII prescan in UTF-16, and there is no BOM.
  std::string html = page("ru", "<meta charset=\"utf-16\">\n", "Горсовет утвердил бюджет", kRussian1, kRussian2);
  pith::Decoded le = pith::decode(encode(html, "UTF-16LE"));
  EXPECT_EQ(le.error, "");
  EXPECT_EQ(le.method, "detected");
  EXPECT_EQ(le.charset, "UTF-16LE");
  EXPECT_EQ(le.text, html);
  // Japanese in UTF-16BE: CJK code units, NULs only from line breaks.
  std::string text = japanese_text();
  pith::Decoded be = pith::decode(encode(text, "UTF-16BE"), {}, false);
  EXPECT_EQ(be.error, "");
  EXPECT_EQ(be.method, "detected");
  EXPECT_EQ(be.charset, "UTF-16BE");
  EXPECT_EQ(be.text, text);
}

TEST(DecodeBom, Utf16HintWithoutBom) {
  std::string text = japanese_text();
  pith::Decoded d = pith::decode(encode(text, "UTF-16LE"), "utf-16", false);
  EXPECT_EQ(d.method, "hint");
  EXPECT_EQ(d.charset, "UTF-16LE");
  EXPECT_EQ(d.text, text);
}

TEST(DecodeBom, Utf16XmlDeclarationWithoutBom) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<article><p>"s + kRussian1 + "</p></article>\n";
  pith::Decoded d = pith::decode(encode(xml, "UTF-16BE"));
  EXPECT_EQ(d.method, "xml");
  EXPECT_EQ(d.charset, "UTF-16BE");
  EXPECT_EQ(d.text, xml);
}

// --- declarations: which one wins, and which are ignored -------------------

std::string russian_page(std::string_view head_extra) {
  return page("ru", head_extra, "Горсовет утвердил бюджет", kRussian1, kRussian2);
}

TEST(DecodeDeclaration, LyingUtf8MetaFallsBackToDetection) {
  std::string html = russian_page("<meta charset=\"utf-8\">\n");
  pith::Decoded d = pith::decode(encode(html, "windows-1251"));
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_EQ(d.text, html);
}

TEST(DecodeDeclaration, LyingUtf8HintGivesWayToMeta) {
  std::string html = russian_page("<meta charset=\"koi8-r\">\n");
  pith::Decoded d = pith::decode(encode(html, "KOI8-R"), "utf-8");
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, "KOI8-R");
  EXPECT_EQ(d.text, html);
}

TEST(DecodeDeclaration, LegacyMetaOnValidUtf8MeansUtf8) {
  std::string html = russian_page("<meta charset=\"windows-1251\">\n");
  pith::Decoded d = pith::decode(html);  // the bytes are UTF-8
  EXPECT_EQ(d.method, "utf8");
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_EQ(d.text, html);
  // Same for a legacy hint, and for a multi-byte legacy declaration.
  EXPECT_EQ(pith::decode(html, "iso-8859-1").charset, "UTF-8");
  EXPECT_EQ(pith::decode(page("ja", "<meta charset=\"shift_jis\">\n", "予算", kJapanese1, kJapanese2)).charset, "UTF-8");
}

TEST(DecodeDeclaration, LegacyMetaOnAsciiIsKept) {
  std::string html = page("en", "<meta charset=\"windows-1251\">\n", "Budget", "The council met on Friday.", "It ended late.");
  pith::Decoded d = pith::decode(html);
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_EQ(d.text, html);
}

TEST(DecodeDeclaration, MetaInsideCommentIsIgnored) {
  // The '>' inside the comment matters: only real comment handling (skip to
  // "-->") hides the <meta>; skipping "<!" to the next '>' would not.
  std::string html = russian_page("<!-- old template (width > 800): <meta charset=\"koi8-r\"> -->\n");
  pith::Decoded d = pith::decode(encode(html, "windows-1251"));
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_EQ(d.text, html);
  // A real declaration after the comment is found; "<!-->" is a whole comment.
  std::string html2 = russian_page("<!-- <meta charset=\"koi8-r\"> --><!--><meta charset=\"windows-1251\">\n");
  pith::Decoded d2 = pith::decode(encode(html2, "windows-1251"));
  EXPECT_EQ(d2.method, "meta");
  EXPECT_EQ(d2.charset, "windows-1251");
}

TEST(DecodeDeclaration, MetaInsideAnotherTagsAttributeIsIgnored) {
  std::string html = russian_page("<link rel=\"x\" title='<meta charset=koi8-r>'>\n");
  pith::Decoded d = pith::decode(encode(html, "windows-1251"));
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, "windows-1251");
}

TEST(DecodeDeclaration, ContentWithoutHttpEquivIsIgnored) {
  // The standard requires http-equiv="content-type" next to a content= charset.
  std::string html = russian_page("<meta name=\"description\" content=\"charset=koi8-r\">\n");
  pith::Decoded d = pith::decode(encode(html, "windows-1251"));
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, "windows-1251");
}

TEST(DecodeDeclaration, AttributeQuotingAndCase) {
  const char* metas[] = {
      "<meta charset=windows-1251>\n",
      "<meta charset='windows-1251'>\n",
      "<META CHARSET=\"Windows-1251\">\n",
      "<meta charset = \" windows-1251 \" />\n",
      "<meta/charset=windows-1251>\n",
      "<meta name=x charset=windows-1251 charset=koi8-r>\n",  // the first of a repeated attribute wins
      "<meta content='text/html;charset=\"windows-1251\"' http-equiv=CONTENT-TYPE>\n",
      "<meta http-equiv=Content-Type content=\"text/html; CHARSET = windows-1251; x=y\">\n",
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=cp1251\">\n",
  };
  for (const char* meta : metas) {
    std::string html = russian_page(meta);
    pith::Decoded d = pith::decode(encode(html, "windows-1251"));
    EXPECT_EQ(d.method, "meta") << meta;
    EXPECT_EQ(d.charset, "windows-1251") << meta;
    EXPECT_EQ(d.text, html) << meta;
  }
}

TEST(DecodeDeclaration, UnusableMetaIsSkippedForALaterOne) {
  std::string html = russian_page("<meta charset=\"no-such-charset\">\n<meta charset=\"windows-1251\">\n");
  pith::Decoded d = pith::decode(encode(html, "windows-1251"));
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, "windows-1251");
}

TEST(DecodeDeclaration, MetaBeyondTheFirst1024BytesIsIgnored) {
  std::string padding = "<!-- " + std::string(1100, 'x') + " -->\n";
  std::string html = russian_page(padding + "<meta charset=\"koi8-r\">\n");
  pith::Decoded d = pith::decode(encode(html, "windows-1251"));
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, "windows-1251");
}

TEST(DecodeDeclaration, XmlDeclaration) {
  std::string xhtml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n" + russian_page("");
  pith::Decoded d = pith::decode(encode(xhtml, "windows-1251"));
  EXPECT_EQ(d.method, "xml");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_EQ(d.text, xhtml);
  // A <meta> wins over the XML declaration (which is only the fallback).
  std::string both = "<?xml version='1.0' encoding='koi8-r'?>\n" + russian_page("<meta charset=\"windows-1251\">\n");
  pith::Decoded d2 = pith::decode(encode(both, "windows-1251"));
  EXPECT_EQ(d2.method, "meta");
  EXPECT_EQ(d2.charset, "windows-1251");
}

TEST(DecodeDeclaration, HintBeatsMeta) {
  std::string html = russian_page("<meta charset=\"windows-1251\">\n");
  pith::Decoded d = pith::decode(encode(html, "KOI8-R"), "KOI8-R");
  EXPECT_EQ(d.method, "hint");
  EXPECT_EQ(d.charset, "KOI8-R");
  EXPECT_EQ(d.text, html);
}

TEST(DecodeDeclaration, UnknownHintIsIgnored) {
  std::string html = russian_page("<meta charset=\"windows-1251\">\n");
  pith::Decoded d = pith::decode(encode(html, "windows-1251"), "klingon-8");
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, "windows-1251");
}

TEST(DecodeDeclaration, TextModeDoesNotPrescan) {
  std::string text = "<meta charset=\"koi8-r\">\n" + russian_text();
  pith::Decoded d = pith::decode(encode(text, "windows-1251"), {}, false);
  EXPECT_EQ(d.method, "detected");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_EQ(d.text, text);
}

TEST(DecodeDeclaration, LabelRules) {
  auto meta_charset = [](const char* label, const std::string& body = "<p>ascii</p>") {
    return pith::decode("<meta charset=\""s + label + "\">" + body).charset;
  };
  EXPECT_EQ(meta_charset("latin1"), "windows-1252");
  EXPECT_EQ(meta_charset("us-ascii"), "windows-1252");
  EXPECT_EQ(meta_charset("iso-8859-1"), "windows-1252");
  EXPECT_EQ(meta_charset("x-user-defined"), "windows-1252");
  EXPECT_EQ(meta_charset("gbk"), "GB18030");
  EXPECT_EQ(meta_charset("GB2312"), "GB18030");
  EXPECT_EQ(meta_charset("x-sjis"), "Shift_JIS");
  EXPECT_EQ(meta_charset("ms932"), "Shift_JIS");
  EXPECT_EQ(meta_charset("ks_c_5601-1987"), "EUC-KR");
  EXPECT_EQ(meta_charset("iso-8859-9"), "windows-1254");
  EXPECT_EQ(meta_charset("iso-8859-5"), "ISO-8859-5");
  // A UTF-16 label found by the ASCII prescan means UTF-8.
  pith::Decoded d = pith::decode("<meta charset=\"utf-16\"><p>caf\xC3\xA9</p>");
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_EQ(d.text, "<meta charset=\"utf-16\"><p>café</p>");
  // Charsets that are not ASCII-compatible cannot have been read by the prescan.
  EXPECT_NE(pith::decode("<meta charset=\"cp037\"><p>ascii</p>").method, "meta");
  EXPECT_NE(pith::decode("<meta charset=\"utf-7\"><p>ascii</p>").method, "meta");
}

TEST(DecodeDeclaration, ShiftJisLabelVariantsDecodeTheSameBytes) {
  std::string html = page("ja", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=x-sjis\">\n",
                          "市議会、来年度予算を可決", kJapanese1, kJapanese2);
  pith::Decoded d = pith::decode(encode(html, "Shift_JIS"));
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, "Shift_JIS");
  EXPECT_EQ(d.text, html);
}

// --- UTF-8, repair and normalisation -------------------------------------------

TEST(DecodeUtf8, IsValidUtf8) {
  EXPECT_TRUE(pith::is_valid_utf8(""));
  EXPECT_TRUE(pith::is_valid_utf8("plain ASCII, long enough for the 8-byte fast path"));
  EXPECT_TRUE(pith::is_valid_utf8("nul\0inside"sv));
  EXPECT_TRUE(pith::is_valid_utf8("café – Привет – 日本語 – 🎉"));
  EXPECT_TRUE(pith::is_valid_utf8("\xF4\x8F\xBF\xBF"));       // U+10FFFF
  EXPECT_FALSE(pith::is_valid_utf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(pith::is_valid_utf8("\xE0\x80\xAF"));          // overlong
  EXPECT_FALSE(pith::is_valid_utf8("\xED\xA0\x80"));          // surrogate U+D800
  EXPECT_FALSE(pith::is_valid_utf8("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(pith::is_valid_utf8("abcdefgh\xE2\x82"));      // truncated after the fast path
  EXPECT_FALSE(pith::is_valid_utf8("\x80"));                  // lone continuation
  EXPECT_FALSE(pith::is_valid_utf8("caf\xE9 au lait"));       // Latin-1
}

/// The byte-at-a-time definitions the SSE2 paths must agree with.
std::size_t ascii_run_end_slow(const unsigned char* p, std::size_t i, std::size_t n) {
  while (i < n && p[i] < 0x80) ++i;
  return i;
}
bool is_valid_utf8_slow(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = 0, used; i < s.size(); i += used)
    if (!pith::detail::utf8_seq(p + i, s.size() - i, &used)) return false;
  return true;
}

TEST(DecodeUtf8, AsciiFastPathAgreesWithTheByteLoop) {
  std::mt19937 rng(2024);
  for (int round = 0; round < 4000; ++round) {
    // Lengths and positions around the 16- and 64-byte strides, non-ASCII
    // bytes rare or common, valid sequences or any byte.
    std::string s(rng() % 200, 'a');
    const unsigned density = 1 + rng() % 64;
    for (char& c : s) c = static_cast<char>(rng() % density == 0 ? 0x80 + rng() % 128 : rng() % 128);
    if (round % 3 == 0 && !s.empty()) {
      std::string utf8;
      for (std::size_t k = 0; k < s.size(); ++k) utf8 += rng() % 8 ? std::string(1, static_cast<char>(rng() % 128)) : std::string("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80").substr(0, 2 + rng() % 3);
      s = utf8;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t from : {std::size_t{0}, s.size() / 3, s.size() / 2, s.size()})
      ASSERT_EQ(pith::detail::ascii_run_end(p, from, s.size()), ascii_run_end_slow(p, from, s.size())) << round;
    EXPECT_EQ(pith::is_valid_utf8(s), is_valid_utf8_slow(s)) << round;
    EXPECT_EQ(pith::detail::is_ascii_fast(s), ascii_run_end_slow(p, 0, s.size()) == s.size());
    if (!pith::is_valid_utf8(s)) EXPECT_TRUE(is_valid_utf8_slow(pith::to_valid_utf8(s)));
  }
  // One non-ASCII byte at every position of a 130-byte run.
  for (std::size_t at = 0; at < 130; ++at) {
    std::string s(130, 'x');
    s[at] = '\x80';
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t from = 0; from <= at; from += 7) EXPECT_EQ(pith::detail::ascii_run_end(p, from, s.size()), at);
    EXPECT_FALSE(pith::is_valid_utf8(s));
    EXPECT_EQ(pith::detail::scan_utf8(s).invalid, 1u);
  }
}

TEST(DecodeUtf8, ToValidUtf8ReplacesMaximalSubparts) {
  EXPECT_EQ(pith::to_valid_utf8("already fine: café"), "already fine: café");
  EXPECT_EQ(pith::to_valid_utf8("caf\xE9!"), "caf\uFFFD!");
  EXPECT_EQ(pith::to_valid_utf8("\xC0\xAF"), "\uFFFD\uFFFD");            // C0 never starts a sequence
  EXPECT_EQ(pith::to_valid_utf8("\xED\xA0\x80x"), "\uFFFD\uFFFD\uFFFDx");  // surrogate bytes one by one
  EXPECT_EQ(pith::to_valid_utf8("a\xF0\x9F\x8E"), "a\uFFFD");             // truncated emoji: one U+FFFD
  EXPECT_EQ(pith::to_valid_utf8("\xE2\x82\xACok\xE2\x28"), "€ok\uFFFD(");
  EXPECT_EQ(pith::to_valid_utf8("\xFF\xFE"), "\uFFFD\uFFFD");
  EXPECT_EQ(pith::to_valid_utf8(""), "");
}

TEST(DecodeUtf8, MostlyUtf8WithCorruptBytesStaysUtf8) {
  std::string text = russian_text() + japanese_text();
  std::size_t at = text.find(' ', 100) + 1;  // a character boundary
  std::string corrupt = text;
  corrupt.insert(at, "\xFF");
  pith::Decoded d = pith::decode(corrupt, {}, false);
  EXPECT_EQ(d.method, "utf8");
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_TRUE(pith::is_valid_utf8(d.text));
  std::string expected = text;
  expected.insert(at, "\uFFFD");
  EXPECT_EQ(d.text, expected);
  // A UTF-8 declaration on such bytes gives the same result.
  EXPECT_EQ(pith::decode(corrupt, "utf-8", false).text, expected);
}

TEST(DecodeUtf8, TruncatedLastCharacterIsStillUtf8) {
  std::string text = japanese_text();
  // Drop the final "\n" and "。" and one byte of the 3-byte character before them.
  std::string cut = text.substr(0, text.size() - 5);
  ASSERT_FALSE(pith::is_valid_utf8(cut));
  pith::Decoded d = pith::decode(cut, {}, false);
  EXPECT_EQ(d.method, "utf8");
  EXPECT_TRUE(pith::is_valid_utf8(d.text));
  EXPECT_EQ(d.text.substr(d.text.size() - 3), "\uFFFD");
}

TEST(DecodeUtf8, NfdInputBecomesNfc) {
  // "Café déjà vu" with combining accents, and Korean as conjoining jamo.
  std::string nfd = "Cafe\u0301 de\u0301ja\u0300 vu. \u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165";
  pith::Decoded d = pith::decode(nfd, {}, false);
  EXPECT_EQ(d.text, "Café déjà vu. 한국어");
  EXPECT_TRUE(is_nfc(d.text));
  // Vietnamese in windows-1258 is stored decomposed (base letter + combining
  // tone mark byte); the output is composed.
  pith::Decoded vi = pith::decode("Ti\xEA\xECng Vi\xEA\xF2t r\xE2\xECt \xF0" "e\xF2p.", "windows-1258", false);
  EXPECT_EQ(vi.method, "hint");
  EXPECT_EQ(vi.text, "Tiếng Việt rất đẹp.");
  EXPECT_TRUE(is_nfc(vi.text));
}

TEST(DecodeUtf8, NfcOfNonAsciiIslandsMatchesIcuOnTheWholeText) {
  // pith hands ICU only the non-ASCII runs (with the ASCII letter before
  // each); random mixes of ASCII, accents, Hangul jamo and precomposed
  // letters must come out exactly as ICU normalising the whole string.
  static const char* pieces[] = {"e", "a", " ", "x.", "\u0301", "\u0300", "\u0323", "\u0308", "\u1100", "\u1161",
                                 "\u11A8", "\u00e9", "\u212b", "\u0344", "\u0f73", "\u05b0", "\u3099", "\u304b", "\u2126", "\u00c5"};
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  ASSERT_TRUE(U_SUCCESS(ec));
  std::mt19937 rng(42);
  for (int round = 0; round < 2000; ++round) {
    std::string in;
    const int n = 1 + static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) in += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    std::string want;
    icu::StringByteSink<std::string> sink(&want);
    ec = U_ZERO_ERROR;
    nfc->normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink, nullptr, ec);
    ASSERT_TRUE(U_SUCCESS(ec));
    EXPECT_EQ(pith::decode(in, {}, false).text, want) << in;
  }
}

TEST(DecodeUtf8, EmptyInput) {
  pith::Decoded d = pith::decode("");
  EXPECT_EQ(d.text, "");
  EXPECT_EQ(d.error, "");
  pith::Decoded t = pith::decode("", "windows-1251", false);
  EXPECT_EQ(t.text, "");
  EXPECT_EQ(t.error, "");
}

TEST(DecodeUtf8, NulBytesAreKept) {
  std::string text = "The council met on Friday.\0 Members agreed on the budget.\0\n"s;
  pith::Decoded d = pith::decode(text, {}, false);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.method, "utf8");
  EXPECT_EQ(d.text, text);
  // A stray NUL in legacy text does not stop detection.
  std::string ru = russian_text();
  ru.insert(ru.find(' ', ru.size() / 2) + 1, 1, '\0');
  pith::Decoded r = pith::decode(encode(ru, "windows-1251"), {}, false);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.charset, "windows-1251");
}

TEST(DecodeUtf8, DecodingIsIdempotent) {
  for (const Sample& s : kSamples) {
    std::string html = page(s.lang, "", s.title, s.p1, s.p2);
    pith::Decoded once = pith::decode(encode(html, s.encode_as));
    pith::Decoded twice = pith::decode(once.text);
    EXPECT_EQ(twice.text, once.text) << s.id;
    EXPECT_EQ(twice.charset, "UTF-8") << s.id;
  }
}

// --- binary refusal ---------------------------------------------------------------

std::string with_tail(std::string_view magic) {
  std::string s(magic);
  for (int i = 0; i < 600; ++i) s.push_back(static_cast<char>((i * 37 + 11) & 0xFF));
  return s;
}

TEST(DecodeBinary, KnownSignaturesAreRefused) {
  struct Case {
    std::string bytes;
    const char* why;
  };
  const Case cases[] = {
      {with_tail("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv), "looks like a PNG image"},
      {"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"s, "looks like a PDF document"},
      {with_tail("PK\x03\x04\x14\0\0\0\x08\0"sv) + "notes.txt", "looks like a ZIP archive"},
      {with_tail("\x1F\x8B\x08\0\0\0\0\0\0\x03"sv), "looks like a gzip-compressed file"},
      {with_tail("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"sv), "looks like an ELF executable"},
      {with_tail("\xFF\xD8\xFF\xE0\0\x10JFIF\0"sv), "looks like a JPEG image"},
      {with_tail("GIF89a\x01\0\x01\0\x80\0\0"sv), "looks like a GIF image"},
      {with_tail("RIFF\x24\0\0\0WEBPVP8 "sv), "looks like a WebP image"},
      {with_tail("\0\0\0\x18" "ftypmp42\0\0\0\0"sv), "looks like an MP4 video"},
      {with_tail("7z\xBC\xAF\x27\x1C\0\x04"sv), "looks like a 7z archive"},
      {with_tail("Rar!\x1A\x07\x01\0"sv), "looks like a RAR archive"},
  };
  for (const Case& c : cases) {
    std::string why;
    EXPECT_TRUE(pith::looks_binary(c.bytes, &why)) << c.why;
    EXPECT_EQ(why, c.why);
    pith::Decoded d = pith::decode(c.bytes);
    EXPECT_EQ(d.error, "not text: "s + c.why);
    EXPECT_EQ(d.text, "");
    // A hint does not make an image text.
    EXPECT_EQ(pith::decode(c.bytes, "utf-8", false).error.rfind("not text", 0), 0u) << c.why;
  }
}

TEST(DecodeBinary, OfficeDocumentsAreNamed) {
  std::string docx = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"s + "[Content_Types].xml" + std::string(200, '\x01');
  std::string why;
  EXPECT_TRUE(pith::looks_binary(docx, &why));
  EXPECT_NE(why.find("Office"), std::string::npos) << why;
  std::string doc = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s + std::string(504, '\0');
  EXPECT_TRUE(pith::looks_binary(doc, &why));
  EXPECT_NE(why.find("Office"), std::string::npos) << why;
}

TEST(DecodeBinary, RandomBytesAreRefused) {
  std::mt19937 rng(20240611);
  std::string bytes(8192, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  std::string why;
  EXPECT_TRUE(pith::looks_binary(bytes, &why));
  EXPECT_NE(why.find("control bytes"), std::string::npos) << why;
  pith::Decoded d = pith::decode(bytes);
  EXPECT_EQ(d.error.rfind("not text", 0), 0u) << d.error;
}

TEST(DecodeBinary, TextIsNotBinary) {
  for (const Sample& s : kSamples) {
    std::string bytes = encode(plain_text(s), s.encode_as);
    EXPECT_FALSE(pith::looks_binary(bytes)) << s.id;
  }
  EXPECT_FALSE(pith::looks_binary(""));
  EXPECT_FALSE(pith::looks_binary("GIF is an image format."));
  EXPECT_FALSE(pith::looks_binary("tab\tseparated\tvalues\r\nand \x1B[1mANSI\x1B[0m colours\f\n"));
  // UTF-16 without a BOM is full of NULs, but explained.
  EXPECT_FALSE(pith::looks_binary(encode(russian_text(), "UTF-16LE")));
  EXPECT_FALSE(pith::looks_binary(encode(japanese_text(), "UTF-16BE")));
  EXPECT_FALSE(pith::looks_binary(encode(russian_text(), "UTF-32LE")));
}

TEST(DecodeBinary, Utf16BomIsTrustedOverBinaryLooks) {
  std::string bytes = "\xFF\xFE"s + std::string(64, '\x01');
  pith::Decoded d = pith::decode(bytes);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.method, "bom");
  EXPECT_TRUE(pith::is_valid_utf8(d.text));
}

// --- size and robustness -------------------------------------------------------------

TEST(DecodeLarge, TwentyMegabytesOfWindows1252) {
  const Sample& fr = kSamples[0];
  std::string unit = plain_text(fr);
  std::string unit_bytes = encode(unit, "windows-1252");
  const std::size_t target = std::size_t{20} << 20;
  std::string bytes;
  bytes.reserve(target + unit_bytes.size());
  std::size_t copies = 0;
  while (bytes.size() < target) {
    bytes += unit_bytes;
    ++copies;
  }
  pith::Decoded d = pith::decode(bytes, {}, false);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.text.size(), copies * unit.size());
  EXPECT_TRUE(pith::is_valid_utf8(d.text));
  EXPECT_EQ(d.text.compare(0, unit.size(), unit), 0);
  EXPECT_EQ(d.text.compare(d.text.size() - unit.size(), unit.size(), unit), 0);
}

TEST(DecodeLarge, TwentyMegabytesOfUtf8NeedingNfc) {
  std::string unit = "Cafe\u0301 au lait, de\u0301ja\u0300 vu. " + russian_text();
  std::string nfc_unit = "Café au lait, déjà vu. " + russian_text();
  std::string bytes;
  std::size_t copies = 0;
  while (bytes.size() < (std::size_t{20} << 20)) {
    bytes += unit;
    ++copies;
  }
  pith::Decoded d = pith::decode(bytes, {}, false);
  EXPECT_EQ(d.method, "utf8");
  EXPECT_EQ(d.text.size(), copies * nfc_unit.size());
  EXPECT_TRUE(pith::is_valid_utf8(d.text));
  EXPECT_EQ(d.text.compare(0, nfc_unit.size(), nfc_unit), 0);
}

TEST(DecodeRobustness, EndlessCombiningMarksStayLinear) {
  // One base letter and a megabyte of alternating acute / dot below: NFC must
  // reorder them, which is quadratic unless runs are capped (UAX #15 stream-safe
  // format: a U+034F COMBINING GRAPHEME JOINER after 30 non-starters).
  std::string zalgo = "a";
  while (zalgo.size() < (std::size_t{1} << 20)) zalgo += "\u0301\u0323";
  pith::Decoded d = pith::decode(zalgo, {}, false);
  EXPECT_TRUE(pith::is_valid_utf8(d.text));
  EXPECT_TRUE(is_nfc(d.text));
  EXPECT_NE(d.text.find("\u034F"), std::string::npos);
  // Ordinary stacked marks (well under 30) are only reordered, never split.
  pith::Decoded short_run = pith::decode("a\u0301\u0323\u0301\u0323 b", {}, false);
  EXPECT_EQ(short_run.text, "\u1EA1\u0323\u0301\u0301 b");  // ạ, then the rest in canonical order
}

TEST(DecodeRobustness, ArbitraryBytesNeverBreakTheContract) {
  // Fragments that exercise every branch, glued together at random.
  const std::vector<std::string> pieces = {
      "<meta charset=", "<meta http-equiv=content-type content=", "\"", "'", "utf-16", "koi8-r", "shift_jis",
      "<!--", "-->", "<?xml version=\"1.0\" encoding=\"", "?>", ">", "<", "/", "=", " ", "\n", "\0"s, "\xFF\xFE",
      "\xEF\xBB\xBF", "\xFE\xFF", "\x82\xA0", "\xE3\x81", "\xC3\xA9", "\xE9", "e\xCC\x81", "\xF0\x9F", "charset",
      "<p>", kRussian1, "PK\x03\x04", "\x1F\x8B", "\x01\x02\x03",
  };
  std::mt19937 rng(7);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string bytes;
    int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        bytes.push_back(static_cast<char>(rng() & 0xFF));
      } else {
        const std::string& p = pieces[rng() % pieces.size()];
        bytes += p.substr(0, rng() % 3 == 0 ? rng() % (p.size() + 1) : p.size());
      }
    }
    const char* hints[] = {"", "utf-8", "utf-16", "windows-1251", "shift_jis", "nonsense", "utf-32"};
    pith::Decoded d = pith::decode(bytes, hints[rng() % 7], rng() % 2 == 0);
    if (!d.error.empty()) {
      EXPECT_EQ(d.error.rfind("not text: ", 0), 0u) << d.error;
      continue;
    }
    ASSERT_TRUE(pith::is_valid_utf8(d.text)) << "iteration " << iter;
    ASSERT_TRUE(is_nfc(d.text)) << "iteration " << iter;
    EXPECT_FALSE(d.charset.empty());
    EXPECT_FALSE(d.method.empty());
  }
}

}  // namespace
