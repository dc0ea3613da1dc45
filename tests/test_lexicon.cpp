// Tests of pith/lexicon.hpp: language tags, stop-word lookup, language
// detection on real news paragraphs, and the chrome (UI phrase) matcher.
#include <gtest/gtest.h>
#include <pith/lexicon.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace lx = pith::lexicon;

lx::LangId id(std::string_view tag) { return lx::lang_from_tag(tag); }

std::string tag_of(lx::LangId l) { return l == lx::kUnknown ? std::string("unknown") : std::string(lx::lang_tag(l)); }

lx::ChromeHit chrome(std::string_view text) { return lx::match_chrome(pith::detail::to_lower(text)); }

std::string category(const lx::ChromeHit& h) { return std::string(lx::chrome_category_name(h.category)); }

// --- generated data ---------------------------------------------------------------

TEST(LexiconData, ListsAreSortedAndUnique) {
  namespace d = pith::detail::lexdata;
  for (std::size_t i = 0; i < d::kLanguageCount; ++i) {
    const d::Language& l = d::kLanguages[i];
    SCOPED_TRACE(std::string(l.tag));
    EXPECT_GT(l.count, 20u);
    EXPECT_TRUE(std::is_sorted(l.words, l.words + l.count));
    EXPECT_EQ(std::adjacent_find(l.words, l.words + l.count), l.words + l.count);
    if (i > 0) {
      EXPECT_LT(d::kLanguages[i - 1].tag, l.tag);  // lang_from_tag binary-searches the table
    }
  }
  EXPECT_TRUE(std::is_sorted(d::kAllStopwords, d::kAllStopwords + d::kAllStopwordCount));
  for (int c = 0; c < d::kChromeCategoryCount; ++c) {
    const d::ChromeCategory& cat = d::kChromeCategories[c];
    EXPECT_GT(cat.count, 0u) << cat.name;
    EXPECT_TRUE(std::is_sorted(cat.phrases, cat.phrases + cat.count,
                               [](const d::ChromePhrase& a, const d::ChromePhrase& b) { return a.text < b.text; }))
        << cat.name;
  }
}

TEST(LexiconData, GeneratedHeaderIsUpToDate) {
  if (std::system("python3 --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  std::string cmd = std::string("python3 \"") + PITH_SOURCE_DIR + "/tools/gen_lexicon.py\" --check";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "data/ changed: run python3 tools/gen_lexicon.py";
}

// --- tags -------------------------------------------------------------------------

TEST(LexiconTags, PrimarySubtagDecides) {
  EXPECT_EQ(lx::lang_tag(id("pt-BR")), "pt");
  EXPECT_EQ(lx::lang_tag(id("zh-Hant")), "zh");
  EXPECT_EQ(lx::lang_tag(id("zh-Hans-CN")), "zh");
  EXPECT_EQ(lx::lang_tag(id("DE")), "de");
  EXPECT_EQ(lx::lang_tag(id("en_US")), "en");
  EXPECT_EQ(lx::lang_tag(id("nb-NO")), "no");
  EXPECT_EQ(lx::lang_tag(id("nn")), "no");
  EXPECT_EQ(lx::lang_tag(id("iw")), "he");
  EXPECT_EQ(id("xx"), lx::kUnknown);
  EXPECT_EQ(id(""), lx::kUnknown);
  EXPECT_EQ(id("english"), lx::kUnknown);
  EXPECT_EQ(lx::lang_tag(lx::kUnknown), "");
  EXPECT_GE(lx::language_count(), 36u);
  for (std::string_view t : {"ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu", "id",
                             "it", "ja", "ko", "lt", "lv", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "th", "tr", "uk", "vi", "zh"})
    EXPECT_EQ(lx::lang_tag(id(t)), t);
}

// --- stop words -------------------------------------------------------------------

TEST(LexiconStopwords, KnownWordsPerLanguage) {
  const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> yes = {
      {"en", {"the", "and", "of"}},      {"de", {"und", "der", "nicht"}},    {"fr", {"le", "et", "dans"}},
      {"es", {"el", "y", "que"}},        {"it", {"il", "di", "che"}},        {"pt", {"o", "não", "de"}},
      {"nl", {"het", "een", "niet"}},    {"pl", {"i", "nie", "jest"}},       {"ru", {"и", "не", "что"}},
      {"uk", {"що", "але", "як"}},       {"tr", {"ve", "bir", "için"}},      {"ar", {"في", "من", "على"}},
      {"ja", {"これ", "です", "ため"}},  {"zh", {"的", "我们", "因为"}},    {"sv", {"och", "att", "inte"}},
      {"cs", {"a", "že", "jsou"}},       {"da", {"og", "ikke"}},             {"fi", {"ja", "ei"}},
      {"hu", {"és", "nem"}},             {"el", {"και"}},                    {"he", {"של"}},
      {"th", {"และ"}},                   {"hi", {"और"}},                     {"fa", {"از"}},
      {"ko", {"그리고"}},
  };
  for (const auto& [lang, words] : yes)
    for (std::string_view w : words) EXPECT_TRUE(lx::is_stopword(id(lang), w)) << lang << " " << w;
  EXPECT_FALSE(lx::is_stopword(id("en"), "government"));
  EXPECT_FALSE(lx::is_stopword(id("de"), "regierung"));
  EXPECT_FALSE(lx::is_stopword(id("ru"), "правительство"));
  EXPECT_FALSE(lx::is_stopword(id("zh"), "政府"));
  EXPECT_FALSE(lx::is_stopword(id("en"), "de"));   // a country code in the raw list, filtered out
  EXPECT_FALSE(lx::is_stopword(id("de"), "b"));    // a stray single letter, filtered out
  EXPECT_TRUE(lx::is_stopword(id("en"), "don’t"));  // typographic apostrophe variant
  EXPECT_TRUE(lx::is_stopword(id("tr"), "değil"));  // repaired from "deđil"
  EXPECT_TRUE(lx::is_stopword(id("tr"), pith::detail::to_lower("İçin")));  // dotted capital I
  EXPECT_FALSE(lx::is_stopword(lx::kUnknown, "the"));
  EXPECT_FALSE(lx::is_stopword(id("en"), ""));
}

// --- detection --------------------------------------------------------------------

// Short news paragraphs, each in one language.
const std::vector<std::pair<std::string_view, std::string_view>>& paragraphs() {
  static const std::vector<std::pair<std::string_view, std::string_view>> p = {
      {"de",
       "Die Bundesregierung hat am Mittwoch einen neuen Entwurf für das Klimaschutzgesetz vorgelegt. Nach Angaben des "
       "Wirtschaftsministeriums sollen die Emissionen im Verkehrssektor bis 2030 deutlich sinken. Kritiker aus der Opposition "
       "bemängelten, dass die Pläne nicht weit genug gingen und zu spät kämen."},
      {"fr",
       "Le gouvernement a présenté mercredi un nouveau projet de loi sur le logement. Selon le ministre, la mesure doit permettre "
       "de construire près de 100 000 logements sociaux d'ici à la fin de l'année prochaine. Les associations de locataires "
       "estiment toutefois que le texte ne va pas assez loin."},
      {"es",
       "El Gobierno aprobó este martes un nuevo paquete de medidas para contener el precio de la vivienda. Según fuentes del "
       "Ministerio, las ayudas llegarán a más de 200.000 familias durante el próximo año. La oposición criticó que el plan se "
       "haya presentado sin consultar a las comunidades autónomas."},
      {"it",
       "Il governo ha approvato ieri sera il decreto sulle nuove norme per il lavoro stagionale. Secondo il ministro, le misure "
       "entreranno in vigore già dal prossimo mese e riguarderanno circa trecentomila lavoratori. I sindacati hanno però chiesto "
       "un incontro urgente per discutere dei salari."},
      {"pt",
       "O governo anunciou nesta quarta-feira um novo pacote de investimentos em infraestrutura. Segundo o ministro da Fazenda, "
       "os recursos serão destinados principalmente à construção de estradas e ferrovias no interior do país. A oposição afirmou "
       "que vai analisar a proposta antes da votação no Congresso."},
      {"nl",
       "Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken. Volgens de minister moeten er de "
       "komende vijf jaar ruim 400.000 woningen worden gebouwd. Gemeenten zeggen echter dat ze daarvoor te weinig geld krijgen "
       "van het Rijk."},
      {"pl",
       "Rząd przyjął we wtorek projekt ustawy o podwyżkach dla nauczycieli. Według ministra edukacji nowe przepisy mają wejść w "
       "życie od września przyszłego roku. Związkowcy twierdzą jednak, że proponowane zmiany są niewystarczające i zapowiadają "
       "protesty."},
      {"ru",
       "Правительство в среду утвердило новый план поддержки малого бизнеса. По словам министра экономики, программа будет "
       "действовать до конца следующего года и охватит более ста тысяч предприятий. Эксперты считают, что этих мер может "
       "оказаться недостаточно."},
      {"uk",
       "Уряд у середу затвердив новий план підтримки малого бізнесу. За словами міністра економіки, програма діятиме до кінця "
       "наступного року і охопить понад сто тисяч підприємств. Експерти вважають, що цих заходів може виявитися недостатньо."},
      {"tr",
       "Hükümet çarşamba günü küçük işletmelere yönelik yeni bir destek paketi açıkladı. Bakanın açıklamasına göre program "
       "gelecek yılın sonuna kadar sürecek ve yüz binden fazla işletmeyi kapsayacak. Ekonomistler ise bu önlemlerin yeterli "
       "olmayabileceğini söylüyor."},
      {"ar",
       "أعلنت الحكومة يوم الأربعاء عن خطة جديدة لدعم الشركات الصغيرة والمتوسطة. وقال وزير الاقتصاد إن البرنامج سيستمر حتى "
       "نهاية العام المقبل وسيشمل أكثر من مئة ألف شركة. ويرى خبراء أن هذه الإجراءات قد لا تكون كافية."},
      {"ja",
       "政府は水曜日、中小企業を支援するための新たな計画を発表した。経済大臣によると、このプログラムは来年末まで続き、10万社以上"
       "が対象になるという。専門家の間では、これらの措置では不十分だとの見方も出ている。"},
      {"zh", "政府周三公布了一项支持中小企业的新计划。据经济部长介绍，该计划将持续到明年年底，覆盖超过十万家企业。专家认为，这些措施可能仍然不够。"},
      {"en",
       "The government on Wednesday unveiled a new plan to support small businesses. According to the economy minister, the "
       "programme will run until the end of next year and cover more than 100,000 companies. Economists say the measures may "
       "not be enough."},
      {"sv",
       "Regeringen presenterade på onsdagen ett nytt stödpaket för små företag. Enligt näringsministern ska programmet pågå till "
       "slutet av nästa år och omfatta mer än hundratusen företag. Flera ekonomer menar dock att åtgärderna inte räcker."},
      {"cs",
       "Vláda ve středu schválila nový plán na podporu malých podniků. Podle ministra průmyslu bude program platit až do konce "
       "příštího roku a týkat se více než sto tisíc firem. Ekonomové však upozorňují, že tato opatření nemusí stačit."},
  };
  return p;
}

TEST(LexiconDetect, NewsParagraphsInSixteenLanguages) {
  int right = 0;
  for (const auto& [lang, text] : paragraphs()) {
    std::string got = tag_of(lx::detect_language(text));
    EXPECT_EQ(got, lang) << text;
    right += got == lang;
  }
  EXPECT_EQ(right, static_cast<int>(paragraphs().size()));
}

TEST(LexiconDetect, MoreLanguages) {
  const std::vector<std::pair<std::string_view, std::string_view>> more = {
      {"da",
       "Regeringen fremlagde onsdag en ny plan for at støtte små virksomheder. Ifølge erhvervsministeren skal ordningen gælde "
       "frem til udgangen af næste år og omfatte mere end hundrede tusinde virksomheder. Flere økonomer mener dog, at tiltagene "
       "ikke er tilstrækkelige."},
      {"no",
       "Regjeringen la onsdag fram en ny plan for å støtte små bedrifter. Ifølge næringsministeren skal ordningen vare ut neste år "
       "og omfatte mer enn hundre tusen bedrifter. Flere økonomer mener likevel at tiltakene ikke er nok."},
      {"bg",
       "Правителството одобри в сряда нов план за подкрепа на малкия бизнес. Според министъра на икономиката програмата ще "
       "действа до края на следващата година и ще обхване повече от сто хиляди фирми. Експертите смятат, че тези мерки може да "
       "се окажат недостатъчни."},
      {"fa",
       "دولت روز چهارشنبه طرح جدیدی برای حمایت از کسب‌وکارهای کوچک اعلام کرد. به گفته وزیر اقتصاد، این برنامه تا پایان سال آینده "
       "ادامه خواهد داشت و بیش از صد هزار شرکت را در بر می‌گیرد. کارشناسان می‌گویند این اقدامات ممکن است کافی نباشد."},
      {"el",
       "Η κυβέρνηση παρουσίασε την Τετάρτη ένα νέο σχέδιο στήριξης των μικρών επιχειρήσεων. Σύμφωνα με τον υπουργό Οικονομικών, "
       "το πρόγραμμα θα διαρκέσει έως το τέλος του επόμενου έτους."},
      {"ko", "정부는 수요일 중소기업을 지원하기 위한 새로운 계획을 발표했다. 경제부 장관에 따르면 이 프로그램은 내년 말까지 계속될 예정이다."},
      {"he", "הממשלה הציגה ביום רביעי תוכנית חדשה לתמיכה בעסקים קטנים. לדברי שר הכלכלה, התוכנית תימשך עד סוף השנה הבאה."},
      {"th", "รัฐบาลประกาศแผนใหม่เพื่อสนับสนุนธุรกิจขนาดเล็กเมื่อวันพุธ โดยรัฐมนตรีกล่าวว่าโครงการนี้จะดำเนินไปจนถึงสิ้นปีหน้า"},
      {"hi", "सरकार ने बुधवार को छोटे व्यवसायों की मदद के लिए एक नई योजना की घोषणा की। अर्थव्यवस्था मंत्री के अनुसार यह कार्यक्रम अगले साल के अंत तक चलेगा।"},
      {"sk",
       "Vláda v stredu schválila nový plán na podporu malých podnikov. Podľa ministra hospodárstva bude program platiť až do "
       "konca budúceho roka a týka sa viac ako sto tisíc firiem. Ekonómovia však upozorňujú, že tieto opatrenia nemusia stačiť."},
      {"fi",
       "Hallitus esitteli keskiviikkona uuden suunnitelman pienten yritysten tukemiseksi. Elinkeinoministerin mukaan ohjelma "
       "jatkuu ensi vuoden loppuun asti ja koskee yli sataatuhatta yritystä. Ekonomistit kuitenkin arvioivat, että toimet eivät "
       "ole riittäviä."},
      {"hu",
       "A kormány szerdán új tervet mutatott be a kisvállalkozások támogatására. A gazdasági miniszter szerint a program a jövő "
       "év végéig tart, és több mint százezer céget érint. A szakértők szerint azonban ezek az intézkedések nem lesznek "
       "elegendők."},
      {"ro",
       "Guvernul a prezentat miercuri un nou plan de sprijin pentru întreprinderile mici. Potrivit ministrului economiei, "
       "programul va dura până la sfârșitul anului viitor și va acoperi peste o sută de mii de firme. Economiștii spun însă că "
       "măsurile nu sunt suficiente."},
      {"id",
       "Pemerintah pada hari Rabu mengumumkan rencana baru untuk mendukung usaha kecil. Menurut menteri ekonomi, program "
       "tersebut akan berlangsung hingga akhir tahun depan dan mencakup lebih dari seratus ribu perusahaan. Para ekonom menilai "
       "langkah ini mungkin belum cukup."},
      {"vi",
       "Chính phủ hôm thứ Tư đã công bố kế hoạch mới nhằm hỗ trợ các doanh nghiệp nhỏ. Theo bộ trưởng kinh tế, chương trình sẽ "
       "kéo dài đến cuối năm sau và bao gồm hơn một trăm nghìn doanh nghiệp."},
      {"ca",
       "El Govern va presentar dimecres un nou pla per donar suport a les petites empreses. Segons el conseller d'Economia, el "
       "programa durarà fins a finals de l'any vinent i arribarà a més de cent mil empreses."},
      {"hr",
       "Vlada je u srijedu predstavila novi plan potpore malim poduzećima. Prema riječima ministra gospodarstva, program će "
       "trajati do kraja iduće godine i obuhvatit će više od sto tisuća tvrtki."},
  };
  for (const auto& [lang, text] : more) EXPECT_EQ(tag_of(lx::detect_language(text)), lang) << text;
}

TEST(LexiconDetect, LittleEvidenceIsUnknown) {
  EXPECT_EQ(lx::detect_language(""), lx::kUnknown);
  EXPECT_EQ(lx::detect_language("12345 67 890"), lx::kUnknown);
  EXPECT_EQ(lx::detect_language("Xylophone"), lx::kUnknown);
}

TEST(LexiconDetect, ScriptBeatsAFewForeignWords) {
  // A Chinese article with English navigation around it is still Chinese.
  std::string text = "Home News Sports Login Subscribe\n";
  text += paragraphs()[12].second;
  text += "\n";
  text += paragraphs()[12].second;
  EXPECT_EQ(tag_of(lx::detect_language(text)), "zh");
}

// --- chrome lexicon ----------------------------------------------------------------

TEST(LexiconChrome, WholeBlockPhrasesCoverEverything) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"Share this post", "share"},   {"Teilen", "share"},          {"Tous droits réservés", "legal"},
      {"関連記事", "related"},        {"جميع الحقوق محفوظة", "legal"}, {"Skip to main content", "skip"},
      {"Zum Inhalt springen", "skip"}, {"Lire aussi", "related"},     {"À lire aussi", "related"},
      {"Das könnte Sie auch interessieren", "related"}, {"Alle Rechte vorbehalten", "legal"},
      {"無断転載を禁じます", "legal"}, {"版权所有", "legal"},         {"相关文章", "related"},
      {"اقرأ أيضا", "related"},       {"Story continues below", "related"}, {"Главная", "nav"},
      {"Strona główna", "nav"},       {"首页", "nav"},              {"Advertisement", "ad"},
      {"Anzeige", "ad"},              {"Реклама", "ad"},            {"广告", "ad"},
      {"Log in", "account"},          {"Leave a comment", "comment"}, {"Subscribe to our newsletter", "subscribe"},
      {"Getty Images", "media"},      {"Min read", "meta"},
  };
  for (const auto& [text, cat] : cases) {
    lx::ChromeHit h = chrome(text);
    EXPECT_DOUBLE_EQ(h.coverage, 1.0) << text;
    EXPECT_EQ(category(h), cat) << text;
  }
}

TEST(LexiconChrome, NumbersNextToPhrasesBelongToThem) {
  EXPECT_DOUBLE_EQ(chrome("12 Comments").coverage, 1.0);
  EXPECT_EQ(category(chrome("12 Comments")), "comment");
  EXPECT_DOUBLE_EQ(chrome("Comments (3)").coverage, 1.0);
  EXPECT_DOUBLE_EQ(chrome("5 min read").coverage, 1.0);
  EXPECT_DOUBLE_EQ(chrome("评论(12)").coverage, 1.0);
  lx::ChromeHit h = chrome("© 2024 Example Media Group. All rights reserved.");
  EXPECT_EQ(category(h), "legal");
  EXPECT_GT(h.coverage, 0.5);
}

TEST(LexiconChrome, MixedUiLines) {
  lx::ChromeHit h = chrome("Share on Facebook | Share on Twitter | Email this article | Print");
  EXPECT_DOUBLE_EQ(h.coverage, 1.0);
  EXPECT_EQ(category(h), "share");
  h = chrome("Home » News » Politics");
  EXPECT_EQ(category(h), "nav");
  EXPECT_LT(h.coverage, 0.5);  // "News" and "Politics" are section names, not lexicon phrases
  h = chrome("Foto: dpa");
  EXPECT_DOUBLE_EQ(h.coverage, 1.0);
  EXPECT_EQ(category(h), "media");
}

TEST(LexiconChrome, WholeWordsOnlyInSpacedScripts) {
  EXPECT_EQ(chrome("timeshare").coverage, 0.0);
  EXPECT_EQ(chrome("homework").coverage, 0.0);
  EXPECT_EQ(chrome("Teilenummer").coverage, 0.0);
  EXPECT_EQ(chrome("").category, -1);
  EXPECT_EQ(chrome("Nothing to see here at all").category, -1);
}

TEST(LexiconChrome, BodySentencesStayLow) {
  for (std::string_view s : {
           "The company said it would share the data with regulators next week.",
           "Readers can leave their comments on the proposal until the end of the month, the ministry said.",
           "Die Regierung will die Kosten mit den Ländern teilen, sagte der Sprecher am Montag.",
           "Le ministre a refusé de partager les détails du rapport avant la réunion de mardi.",
           "El presidente se negó a compartir los detalles del acuerdo con la prensa.",
           "Il sindaco ha deciso di condividere i risultati dello studio con i cittadini.",
           "政府は調査結果を関係機関と共有する方針を明らかにした。",
           "该公司表示将在下周与监管机构分享相关数据。",
           "Компания сообщила, что поделится данными с регуляторами на следующей неделе.",
           "قالت الشركة إنها ستشارك البيانات مع الجهات التنظيمية الأسبوع المقبل.",
           "Şirket, verileri gelecek hafta düzenleyicilerle paylaşacağını söyledi.",
       }) {
    EXPECT_LT(chrome(s).coverage, 0.3) << s;
  }
}

TEST(LexiconChrome, CategoryNames) {
  EXPECT_EQ(lx::chrome_category_count(), 11);
  std::vector<std::string> names;
  for (int c = 0; c < lx::chrome_category_count(); ++c) names.emplace_back(lx::chrome_category_name(c));
  EXPECT_EQ(names, (std::vector<std::string>{"skip", "nav", "share", "comment", "subscribe", "related", "legal", "account", "ad",
                                             "media", "meta"}));
  EXPECT_EQ(lx::chrome_category_name(-1), "");
  EXPECT_EQ(lx::chrome_category_name(99), "");
}

}  // namespace
