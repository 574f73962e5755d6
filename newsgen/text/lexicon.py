"""Small word lists the entity tagger relies on where the dictionaries are silent.

Kept deliberately short: morphology and capitalisation do most of the work; these
lists only settle the kind of well-known abbreviations and read the word before a name.
All entries are lower case (dictionary forms, ASCII apostrophe).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The kind of abbreviations readers meet daily; any other all-capital word is an organisation.
ABBREVIATION_KINDS: dict[str, str] = {
    **dict.fromkeys(
        _words("сша рф кнр кндр оае пар цар дрк фрн ордло арк uk us usa uae prc dprk"), "place"
    ),
    **dict.fromkeys(
        _words("ввп ппо бпла дтп пдв тцк аес зрк жкг зно нмт ші іт гмо вмс gdp ai it"),
        "topic",
    ),
}
# Abbreviations of a kind of territory that the territory's name follows: "АР Крим".
TERRITORY_ABBREVIATIONS = frozenset({"АР"})
ABBREVIATION_KINDS["ар крим"] = "place"
# A state's formal title before its name, which stays in the nominative: "Республіки Польща".
POLITY_TITLES = _words("республіка королівство князівство федерація співдружність держава")
# All-capital words that are not topics of their own: generic media, company legal forms.
IGNORED_ABBREVIATIONS = _words(
    """
    змі тов пат прат фоп тзов ат нак дп кп вк пп зат ват го пф вп кс ту тс піб пдв ооо оао зао
    жк тц трц бц
    ceo pr ok tv
    """
)
# Kinds of buildings, abbreviated: no names alone ("в ЖК дружини"), but part of the quoted
# name after them: "ЖК «Новопечерські Липки»", "ТЦ «Глобус»".
BUILDING_ABBREVIATIONS = _words("жк тц трц бц")
# Generic words written with a capital in names and headings, never a topic on their own.
NEVER_TOPICS = _words(
    """
    закон кодекс постанова указ розпорядження рішення ухвала наказ програма положення
    день тиждень рік місяць область район місто село вулиця проспект площа
    федерація республіка держава країна столиця про
    """
)

# Nouns that head an organisation's name: "Інститут вивчення війни", "Радіо Свобода".
ORGANISATION_HEADS = _words(
    """
    інститут міністерство рада служба агенція агентство комітет комісія фонд банк
    університет академія суд партія центр офіс бюро департамент асоціація об'єднання
    союз організація управління радіо телеканал компанія корпорація концерн
    адміністрація прокуратура поліція генштаб штаб корпус бригада парламент уряд
    кабмін конгрес сенат асамблея альянс кремль пентагон дім сила військо флот
    єврокомісія євросоюз європарламент нацбанк нацгвардія мінфін міноборони
    райсуд госпсуд адмінсуд міськрада облрада райрада облдержадміністрація
    райдержадміністрація держадміністрація держслужба держкомітет інспекція відділення
    тервідділення підприємство товариство палата колегія трибунал профспілка колонія
    аеропорт ліцей лікарня театр музей бібліотека клуб загін відділ дирекція
    установа заклад комбінат станція держінспекція кабінет реєстр держреєстр секретаріат
    спілка консульство посольство представництво варта гвардія меджліс курултай
    """
)
# Nouns that name a body or an enterprise with the adjectives before them, though alone they
# are common words (so no heads that genitives follow): "Київський метрополітен", "Опозиційний блок".
ORGANISATION_NOUNS = _words(
    """
    метрополітен залізниця лісгосп держлісгосп тепломережа водоканал блок холдинг холдінг завод фабрика
    електростанція політехніка консерваторія гімназія школа коледж сільрада селищрада міськрада райрада
    облрада
    """
)
# Nouns whose names with adjectives are places ("Київська область", "Чорне море", "Поштова площа");
# a name of other common nouns is a topic ("Паралімпійські ігри", "Національний план").
PLACE_NOUNS = _words(
    """
    область район мікрорайон край регіон округ громада місто село селище хутір країна держава
    королівство князівство імперія ханство штат провінція воєводство земля республіка
    море океан озеро річка лиман затока протока острів острови півострів гора гори хребет долина
    степ ліс пуща урочище заповідник парк сквер сад вулиця площа проспект бульвар провулок узвіз
    шосе набережна майдан міст порт вокзал стадіон палац замок собор храм лавра монастир
    кладовище цвинтар сміттєзвалище звалище полігон кар'єр родовище
    """
)
# How compounds that name bodies end, whatever else they might be: "Генпрокуратура", "Київміськрада".
BODY_ENDINGS = ("прокуратура", "адміністрація", "енерго", "міськрада", "сільрада", "облрада", "райрада")
# How compounds that name companies (and bodies) end, when the word is a name: "Нафтогаз", "Київрада",
# "Діамантбанк" (common nouns end so too: "біогаз", "автосервіс", "естрада").
ORGANISATION_ENDINGS = tuple(
    """
    рада газ нафта банк буд сервіс інвест трейд холдинг пром агро вугілля маш лізинг збут постач автодор
    """.split()
)
# Heads of state bodies' names, which never go on in guillemets: "Міністерство оборони
# «Укрвійськбуд»" names the ministry and an enterprise of it.
STATE_BODY_HEADS = _words("міністерство прокуратура департамент кабінет")  # as names open: in the nominative
# Organisation heads that name one body on their own, capitalised: "Кремль", "Кабмін".
PROPER_ORGANISATIONS = _words(
    """
    кремль пентагон кабмін генштаб нацбанк нацгвардія мінфін міноборони єврокомісія євросоюз
    європарламент конгрес сенат меджліс курултай
    """
)
# Events named by a place in the genitive: "чемпіонат Європи"; the place is no topic there.
EVENT_HEADS = _words("чемпіонат першість кубок олімпіада турнір фестиваль виставка форум конкурс євробачення")
# Facilities named after a place, whose quoted name is no name alone: "аеропорт «Бориспіль»", "шахта №5 «Глибока»".
FACILITY_HEADS = _words("аеропорт аеродром шахта")
# Nouns that head a document's name: "Повітряний кодекс України", "Європейська хартія".
DOCUMENT_HEADS = _words("кодекс конституція статут конвенція хартія")
# Nouns that head a named programme or system, whose name runs on in lower-case genitives:
# "Генеральна схема планування території України", "Відомча телекомунікаційна мережа".
PROGRAMME_HEADS = _words("програма схема стратегія концепція система мережа база платформа ініціатива")
# Capitalised nouns that name neither places nor organisations: feasts and the like.
TOPIC_LEMMAS = _words("великдень різдво пасха трійця рамадан ханука бог господь")
# A word just before a name that makes it an organisation: "агенції Reuters".
ORGANISATION_CUES = _words(
    """
    агенція агентство видання газета журнал компанія корпорація концерн партія
    телеканал радіо організація угруповання фонд банк холдинг платформа мережа фірма
    бренд сервіс оператор видавництво сайт портал служба нак тов пат прат ат дп кп
    зат ват го пф вп кс тзов пп фг
    agency newspaper company party network channel group firm
    """
)
# A word just before a surname that makes it a person: "президента Трампа".
PERSON_CUES = _words(
    """
    президент президентка прем'єр прем'єрка прем'єр-міністр прем'єр-міністерка
    віцепрем'єр віцепрем'єрка міністр міністерка канцлер канцлерка генсек
    генсекретар речник речниця лідер лідерка омбудсман омбудсмен командир
    головнокомандувач патріарх митрополит король королева принц принцеса
    посол радник радниця помічник помічниця депутат депутатка пан пані мер спікер
    очільник очільниця командувач генерал сенатор прокурор суддя журналіст журналістка
    кореспондент кореспондентка аналітик експерт губернатор голова віцепрезидент
    віце-президент держсекретар секретар директор директорка керівник керівниця папа
    mr mrs ms dr president minister chancellor secretary senator governor general
    bundeskanzler kanzler kanzlerin präsident präsidenten präsidentin ministerin
    président présidente ministre
    """
)
# Offices a person holds, capitalised in official writing out of respect ("заступника Голови",
# "Глава держави", "Головний Комендант"): no name alone, nor with the adjectives of the office.
OFFICE_TITLES = PERSON_CUES | _words("глава комісар комендант заступник заступниця уповноважений")
# A preposition just before a word that has a place reading makes it a place ("у Львові"),
# in the cases it governs ("до Сум" is Суми, not сум).
LOCATION_PREPOSITIONS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("у", "в", "на"), frozenset({"loct", "accs"})),
    **dict.fromkeys(("з", "із", "зі"), frozenset({"gent", "ablt", "accs"})),
    **dict.fromkeys(
        ("до", "від", "біля", "поблизу", "навколо", "довкола", "коло", "для", "без"),
        frozenset({"gent"}),
    ),
    **dict.fromkeys(("під", "над", "поза", "між"), frozenset({"ablt", "accs"})),
    "через": frozenset({"accs"}),
    "по": frozenset({"loct", "datv", "accs"}),
}

# Lower-case particles inside a surname: "Урсула фон дер Ляєн", "Шарль де Голль".
SURNAME_PARTICLES = _words("фон дер де ван да ді дель ла ле ель аль бен бін ібн цу")
# Latin-script names may run across these: "Institute for the Study of War".
NAME_CONNECTORS = _words("of the for de la du des del della di da von van der al bin")
# Capitalised only because they open a sentence or a run; never the start of a name.
LEADING_STOPWORDS = _words(
    """
    the a an this that these those in on at but and or as if when while after before
    it he she they we his her their our its there here for from with by to of so yet
    also however meanwhile last next mr mrs ms dr
    der die das den dem des ein eine le la les un une el los las il lo
    """
)
# A foreign company's legal form written in Cyrillic, ending its name: "Каліндо Лімітед",
# "Сопрема Трейдінг ЛТД", "Райнер Холдінгс Корп.".
FOREIGN_LEGAL_WORDS = frozenset("ЛТД Лтд лтд Лімітед ЛІМІТЕД Інк Корп Корпорейшн ЛЛС ЛЛК ГмбХ".split())
# Words in a Latin-script name that make it an organisation.
ORGANISATION_WORDS = _words(
    """
    institute university ministry agency council party bank committee commission
    organisation organization corporation company inc ltd group union association
    foundation department office service news times post journal zeitung radio army
    forces court parliament congress senate assembly alliance
    """
)

# First names the dictionary also reads as a Russian-style twin: "Кирилом" is Кирило
# (or Кирил). Where the text never shows the nominative, prefer the Ukrainian form.
PREFERRED_FIRST_NAMES: dict[str, str] = {
    "кирил": "кирило", "гаврил": "гаврило", "данил": "данило", "михайл": "михайло",
}  # fmt: skip

# The gender a street's adjective name agrees in: "вулиця Липова", "провулок Тихий".
STREET_GENDERS = {"вулиця": "femn", "площа": "femn", "проспект": "masc", "бульвар": "masc", "провулок": "masc"}
# A street word before a capitalised one makes a street: "на проспекті Миру" -> проспект Миру.
STREET_WORDS: dict[str, str] = {
    **{form: "вулиця" for form in ("вулиця", "вулиці", "вулицю", "вулицею", "вул.", "вул")},
    **{form: "проспект" for form in ("проспект", "проспекту", "проспекті", "проспектом", "просп.")},
    **{form: "площа" for form in ("площа", "площі", "площу", "площею", "пл.")},
    **{form: "бульвар" for form in ("бульвар", "бульвару", "бульварі", "бульваром", "бул.")},
    **{form: "провулок" for form in ("провулок", "провулку", "провулком", "пров.")},
}
