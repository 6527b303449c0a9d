"""Spanish: the words the stages read, for EFE, El País, La Vanguardia, Infobae and the like.

Written for this tool (wire style: "dijo el ministro", "según el ejército", "al menos 12
muertos"); questions and exclamations open with ¿ and ¡ (``extract/sentences.py``). Photo-credit
shapes shared with English are English's. Stems: Snowball's Spanish.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType

from . import Attribution, Boilerplate, Comparison, Figures, Language
from .en import BOILERPLATE as _EN_BOILERPLATE
from .stemmers import snowball

_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
_DAYS = "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"

ABBREVIATIONS = frozenset(
    """
    sr sra srta sres dr dra lic ing ud uds vd vds etc pág págs núm nº gral gen cap tte cnel cmdte av avda excmo excma
    dña d ee.uu aprox máx mín art vol cía hnos dpto prov
    ene feb mar abr may jun jul ago sep sept oct nov dic
    """.split()
)

# ----------------------------------------------------------------------------- boilerplate
_WIDGET = re.compile(
    r"""^\W*(?:compartir|comparte|imprimir|enviar|correo|copiar\s+enlace|enlace\s+copiado|comentarios?|comentar|buscar
    |menú|inicio|portada|publicidad|patrocinado|vídeo|video|vídeos|fotos?|imágenes|galería|escuchar|audio|leer\s+más
    |lee\s+también|lea\s+también|te\s+puede\s+interesar|más\s+noticias|lo\s+más\s+leído|últimas\s+noticias|en\s+directo
    |boletín|newsletter|suscríbete|suscribirse|iniciar\s+sesión|cerrar|siguiente|anterior|volver\s+arriba|temas?|etiquetas
    |facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|efe|agencia\s+efe|europa\s+press|afp|reuters|ap
    |[\w-]+(?:\.[\w-]+)*\.(?:es|com|org|net|mx|ar|co|eu|info))\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PROMO = (
    r"""síguenos|siga\s+(?:a|toda|las)|suscríbete|suscríbase|regístrate|boletín|newsletter|haz\s+clic|haga\s+clic|pulsa\s+aquí
    |descarga\s+(?:la|nuestra)\s+app|te\s+puede\s+interesar|lee\s+también|lea\s+también|leer\s+más|más\s+información\s+en
    |política\s+de\s+privacidad|cookies?|todos\s+los\s+derechos\s+reservados|copyright|exclusivo\s+para\s+suscriptores
    |contenido\s+exclusivo|podcasts?\b|https?://"""
)
_PROMO_START = re.compile(
    r"""\W*(?:(?:fuente|foto|fotografía|imagen|crédito|vídeo|video|audio|lee\s+también|te\s+puede\s+interesar|temas?
    |etiquetas)\s*:|\d+\s+de\s+\d+\W*$|\[?\d+/\d+\]|por$|(?:actualizado|publicado|actualizada|publicada)\b.*\d|!\[)""",
    re.IGNORECASE | re.VERBOSE,
)
_NAME = r"[A-ZÁÉÍÓÚÑÜ][\w.'\u2019-]+"
_BYLINE = re.compile(
    rf"""^(?:[Pp]or|POR)\s+{_NAME}(?:\s+{_NAME}){{0,3}}(?:\s*(?:,|y)\s+{_NAME}(?:\s+{_NAME}){{0,3}})*\s*$
    |^(?:[Cc]orresponsal|[Rr]edacción|[Rr]edactora?)\b[^.]{{0,60}}\.?$""",
    re.VERBOSE,
)
_TIMESTAMP = re.compile(
    rf"""\b(?:\d{{1,2}}:\d{{2}}(?:\s*(?:h|hs|horas|am|pm|a\.m\.|p\.m\.))?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}
    |(?:{_DAYS})|(?:{_MONTHS})|\d{{1,4}}|de|del|a|las|la|el|hace|horas?|minutos?|días?|actualizado|publicado|cet|gmt)\b""",
    re.IGNORECASE | re.VERBOSE,
)
BOILERPLATE: Boilerplate = replace(
    _EN_BOILERPLATE,
    widget=_WIDGET,
    promo=_PROMO,
    promo_start=_PROMO_START,
    byline=_BYLINE,
    byline_hint=re.compile(r"^por\b|corresponsal|redacci"),
    credit_label=re.compile(r"(?i)(?:foto|crédito)s?\W*$"),
    caption_labels=frozenset(("imagen", "foto", "fotos", "galería", "vídeo")),
    timestamp=_TIMESTAMP,
    time_ago="hace",
    end_marker=re.compile(r"todos\s+los\s+derechos\s+reservados|copyright"),
    end_line=re.compile(
        r"\W*(?:lee\s+también|te\s+puede\s+interesar|más\s+noticias|lo\s+más\s+leído|comentarios|temas|etiquetas)\W*$",
        re.IGNORECASE,
    ),
    speech_tag=re.compile(r"(?:\b(?:dijo|afirmó|señaló|añadió|declaró|explicó|aseguró)\s*(?:[A-ZÁÉÍÓÚÑ][\w.'\u2019-]*\s*){0,4})$"),
    second_person=re.compile(r"\b(?:usted|ustedes|vosotros)\b", re.IGNORECASE),
    second_person_hint="",
)

# ----------------------------------------------------------------------------- attribution
_TITLES = (
    "ministro|ministra|presidente|presidenta|canciller|portavoz|vocero|vocera|embajador|embajadora|enviado|enviada"
    "|comandante|general|jefe|jefa|gobernador|gobernadora|alcalde|alcaldesa|asesor|asesora|líder|secretario|secretaria"
    "|negociador|primer|viceministro|exministro|expresidente|de|exteriores|defensa|asuntos|estado"
)
_SPEECH = (
    r"dijo|dice|dijeron|afirmó|afirma|señaló|señala|añadió|añade|declaró|declara|explicó|explica|aseguró|asegura"
    r"|advirtió|advierte|anunció|anuncia|confirmó|indicó|indica|subrayó|destacó|sostuvo|insistió|negó|escribió"
    r"|informó|informa|denunció|manifestó|agregó|agrega|precisó|apuntó"
)
ATTRIBUTION: Attribution = Attribution(
    speech_verbs=_SPEECH,
    auxiliaries="ha|han|había|también",
    determiners="el|la|los|las|un|una",
    titles=_TITLES,
    name_particles="de|del|la|las|los|y|al-|von",
    according_to="según",
    citing="citando",
    male_pronoun="él",
    female_pronoun="ella",
    pronouns=frozenset("él ella ellos ellas esto eso este esta nosotros yo se".split()),
    not_sources=frozenset("esto eso este esta ese esa que quien plan calendario acuerdo ley constitución reglas".split()),
    time_tail=re.compile(rf"\s+(?:el|este|esta|en|a|durante|ayer|hoy|{_DAYS})\b.*$"),
    entity_joiners="de|del|la|los|las|al",
    entity_stop=frozenset(
        """El La Los Las Un Una En Al Del Por Para Pero Y O Si Como Tras Antes Después Desde Durante Pese Aunque
        Mientras Según Además También Sin Este Esta Estos Estas Ese Esa Él Ella Ellos Ellas Su Sus Varios Varias
        Algunos Algunas Lunes Martes Miércoles Jueves Viernes Sábado Domingo Enero Febrero Marzo Abril Mayo Junio
        Julio Agosto Septiembre Octubre Noviembre Diciembre""".split()
    ),
    organisations=(
        "Ministerio|ministerio|Ejército|ejército|Kremlin|Gobierno|gobierno|Consejo|Comisión|Agencia|Oficina|Fuerzas"
        "|Parlamento|Congreso|Senado|Fiscalía|Policía|policía|ONU|OTAN|UE"
    ),
    female_titles="portavoz\\s+femenina|ministra|presidenta|canciller\\s+\\w+a|embajadora|jefa|sra|señora|vocera|alcaldesa",
    male_titles="ministro|presidente|embajador|jefe|sr|señor|vocero|alcalde",
    unnamed=re.compile(r"\b(?:fuentes?|anonimato|un\s+(?:alto\s+)?funcionario|un\s+diplomático|personas\s+cercanas)\b",
                       re.IGNORECASE),
    unnamed_sentence=re.compile(r"bajo\s+(?:condición\s+de\s+)?anonimato|fuentes\s+cercanas|que\s+pidió\s+no\s+ser\s+identificad",
                                re.IGNORECASE),
    unnamed_hint=re.compile(r"anonimato|fuentes|identificad"),
    delivered=re.compile(r"\b(?:entregad[oa]s?|llegad[oa]s?|llegaron|envió|enviaron|recibid[oa]s?|distribuid[oa]s?)\b",
                         re.IGNORECASE),
    pledged=re.compile(r"\b(?:prometi\w*|promet\w*|anunci\w*|aprob\w*|compromet\w*|destinar\w*|enviará\w*|proporcionará\w*"
                       r"|ofrec\w*|asignar\w*)\b", re.IGNORECASE),
    according_opens=True,
)

# ----------------------------------------------------------------------------- figures
FIGURES: Figures = Figures(
    number_words=MappingProxyType({
        "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
        "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40,
        "cincuenta": 50, "cien": 100, "docena": 12, "decenas": 24, "cientos": 200, "centenares": 200, "miles": 2000,
    }),
    counted_number_words=frozenset(("decenas", "cientos", "centenares", "miles")),
    qualifiers=("más de", "al menos", "por lo menos", "unos", "unas", "cerca de", "casi", "alrededor de", "hasta",
                "menos de", "aproximadamente"),
    scales=MappingProxyType({"millones": 1e6, "millón": 1e6, "mil millones": 1e9, "millardos": 1e9, "mil": 1e3}),
    percent=r"%|por\s*ciento",
    # also the money nouns after "de" ("40 millones de euros"), so that the unit is "de euros"
    casualty_words="muertos|muertas|fallecidos|heridos|heridas|asesinados|dólares|dolares|euros|libras",
    currency_words=re.compile(r"^(?:de\s+)?(?:dólares|dolares|euros|libras)\b", re.IGNORECASE),
    currency_of_word=(("euro", "EUR"), ("de euro", "EUR"), ("libra", "GBP"), ("de libra", "GBP")),
    not_units=frozenset("y o a de del en el la los las al por para con sin sobre".split()),
    other="otros",
    killed=re.compile(r"\b(?:muert\w*|murieron|murió|fallec\w*|asesinad\w*|víctimas\s+mortales|perdieron\s+la\s+vida)\b",
                      re.IGNORECASE),
    injured=re.compile(r"\b(?:herid\w*|lesionad\w*)\b", re.IGNORECASE),
    attack_units=frozenset("ataques bombardeos drones misiles cohetes proyectiles bombas ofensivas".split()),
    people=frozenset("personas civiles soldados niños habitantes militares mujeres".split()),
    running_total=re.compile(r"(?:\b(?:eleva|elevando|elevó|sumando|suma)\b[^.;:]{0,100}?\ba|\bun\s+total\s+de)\s*$",
                             re.IGNORECASE),
    bodies=re.compile(r"\b(?:cuerpos|restos|cadáveres)\b", re.IGNORECASE),
    handed_back=re.compile(r"\b(?:devol|repatri|intercamb|entreg|recib)", re.IGNORECASE),
    number=r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=".",
    decimal=",",
)

# ----------------------------------------------------------------------------- comparison
CARDINALS = MappingProxyType({
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
})
"""``Comparison.cardinals``: "un"/"una"/"uno" are articles too. "treinta y dos" is two figures
(30 and 2), as is rare in news text."""


COMPARISON: Comparison = Comparison(
    stopwords=frozenset(
        """el la los las lo un una unos unas y o pero de del al a en por para con sin sobre entre tras desde hasta
        es son fue fueron era ha han había ser estar está están se su sus que quien cual como cuando donde este esta
        estos estas ese esa no más muy también ya dijo según afirmó señaló""".split()
    ),
    senses=(
        "ataque ataques atacó atacaron atacar bombardeo bombardeos bombardeó golpe",
        "muertos murieron murió muerte muertes fallecidos matar mató",
        "heridos heridas herido resultaron",
        "prometió prometieron promesa compromiso comprometió",
        "exige exigió exigen reclama reclamó pide pidió",
        "retirada retirar retiró",
        "rechaza rechazó rechazaron rechazo",
        "negociaciones conversaciones diálogo",
        "intercambio intercambiaron canje",
        "visita visitó",
    ),
    aliases=MappingProxyType({"zelenski": "zelensky", "zelenskiy": "zelensky", "putin": "putin"}),
    phrases=((re.compile(r"\bestados\s+unidos\b|\bee\.\s?uu\.?(?=\W|$)"), "usa"), (re.compile(r"\breino\s+unido\b"), "uk")),
    metonyms=MappingProxyType({"kremlin": "rusia", "moscú": "rusia", "kiev": "ucrania", "washington": "usa"}),
    demonym_suffixes=(),
    inflections=(),
    each=re.compile(r"\bcada\s+uno\b|\bcada\s+parte\b|\bpor\s+bando\b|\b(\d+)\s+por\s+\1\b", re.IGNORECASE),
    stemmer=snowball("spanish"),
    leans_back=frozenset("él ella ellos ellas esto eso este esta estos estas ese esa su sus le les".split()),
    connectives=frozenset("pero y también además asimismo aunque".split()),
    cardinals=CARDINALS,
)

SPANISH = Language(
    code="es",
    name="Español",
    abbreviations=ABBREVIATIONS,
    boilerplate=BOILERPLATE,
    attribution=ATTRIBUTION,
    figures=FIGURES,
    comparison=COMPARISON,
)
