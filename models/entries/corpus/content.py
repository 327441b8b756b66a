"""Fictional resumes as JSON Resume 1.0.0 records, sampled from open pools with a seed.

Pools: Faker person names, companies, streets and phone numbers (MIT); the project's shipped job titles, skills
and gazetteer (``resumeparser/data/``, see its SOURCES.md); the universities of the npm package
``universities`` 0.0.3 (MIT); degrees, fields of study, highlight templates, certifications and company brands
written for this generator. Every person is fictional: Faker names, e-mails at example.com / example.org, and
in the United States 555-01xx numbers.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DATA = ROOT / "resumeparser" / "data"
UNIVERSITIES_CSV = HERE / "node" / "node_modules" / "universities" / "world-universities.csv"

# document language -> (Faker locale, weight); English resumes come from many locales
LOCALES: dict[str, list[tuple[str, float]]] = {
    "en": [("en_US", 5), ("en_GB", 2), ("en_IN", 2), ("en_CA", 1), ("en_AU", 1), ("pl_PL", 1), ("de_DE", 0.5),
           ("nl_NL", 0.5), ("fr_FR", 0.3), ("es_ES", 0.3), ("it_IT", 0.3), ("pt_BR", 0.3)],
    "es": [("es_ES", 3), ("es_MX", 2)],
    "fr": [("fr_FR", 4), ("fr_CH", 1)],
    "de": [("de_DE", 4), ("de_AT", 1), ("de_CH", 1)],
    "pt": [("pt_BR", 3), ("pt_PT", 1)],
    "it": [("it_IT", 1)],
    "nl": [("nl_NL", 3), ("nl_BE", 1)],
}
LANGUAGE_WEIGHTS = {"en": 60, "es": 7, "fr": 7, "de": 7, "pt": 7, "it": 6, "nl": 6}

COMPANY_SUFFIXES = {
    "US": ["Inc.", "LLC", "Corp.", "Inc", "Group", "Technologies", "& Co", "Holdings", "Partners", "Labs"],
    "GB": ["Ltd", "Limited", "plc", "Group", "LLP", "& Co"],
    "IN": ["Pvt. Ltd.", "Private Limited", "Ltd", "Technologies", "Solutions", "Infotech"],
    "CA": ["Inc.", "Ltd.", "Corp."], "AU": ["Pty Ltd", "Ltd", "Group"],
    "DE": ["GmbH", "AG", "GmbH & Co. KG", "SE", "KG", "Gruppe"], "AT": ["GmbH", "AG"], "CH": ["AG", "SA", "GmbH"],
    "FR": ["S.A.", "SAS", "SARL", "Groupe"], "ES": ["S.A.", "S.L.", "Grupo"], "MX": ["S.A. de C.V.", "S.A."],
    "IT": ["S.p.A.", "S.r.l.", "Group"], "NL": ["B.V.", "N.V.", "Groep"], "BE": ["NV", "BV", "SA"],
    "BR": ["Ltda.", "S.A.", "Grupo"], "PT": ["Lda.", "S.A."], "PL": ["Sp. z o.o.", "S.A.", "Group"],
}
BRANDS = [
    "Kestrel", "Northwind", "Bluefin", "Alder", "Cobalt", "Helix", "Lumen", "Vantage", "Orbital", "Pinecrest",
    "Redwood", "Silverline", "Tidewater", "Summit", "Quantum", "Vertex", "Nimbus", "Ironbridge", "Brightpath",
    "Clearwater", "Evergreen", "Falcon", "Granite", "Harbor", "Juniper", "Keystone", "Larkspur", "Meridian",
    "Nova", "Oakline", "Polaris", "Riverstone", "Sapphire", "Trident", "Umbra", "Westfield", "Zenith", "Atlas",
    "Beacon", "Cedar", "Delta", "Ember", "Fjord", "Glacier", "Horizon", "Indigo", "Jade", "Kite", "Lattice",
    "Monarch", "Nexa", "Onyx", "Prism", "Quill", "Radiant", "Sterling", "Tessera", "Unity", "Velox", "Wren",
]
INDUSTRY = [
    "Software", "Systems", "Analytics", "Logistics", "Energy", "Health", "Financial", "Capital", "Media",
    "Robotics", "Foods", "Pharma", "Consulting", "Networks", "Data", "Retail", "Motors", "Insurance", "Digital",
    "Biotech", "Telecom", "Engineering", "Security", "Cloud", "Payments", "Mobility", "Studios", "Labs",
]

DEGREES: dict[str, list[str]] = {
    "en": ["Bachelor of Science", "Bachelor of Arts", "Master of Science", "Master of Arts", "MBA", "Ph.D.",
           "B.Sc.", "M.Sc.", "B.A.", "M.A.", "B.Tech", "M.Tech", "B.E.", "Bachelor of Engineering",
           "Master of Engineering", "Associate Degree", "Bachelor of Commerce", "Master of Business Administration",
           "Doctor of Philosophy", "BSc (Hons)", "Postgraduate Diploma"],
    "es": ["Grado", "Licenciatura", "Máster", "Doctorado", "Ingeniería", "Máster Universitario", "Técnico Superior"],
    "fr": ["Licence", "Master", "Doctorat", "Diplôme d'ingénieur", "BTS", "DUT", "Master 2", "Licence professionnelle"],
    "de": ["Bachelor of Science", "Master of Science", "Bachelor of Arts", "Master of Arts", "Diplom-Ingenieur",
           "Diplom", "Promotion", "Dipl.-Kfm.", "Staatsexamen"],
    "pt": ["Bacharelado", "Licenciatura", "Mestrado", "Doutorado", "MBA", "Tecnólogo", "Pós-graduação"],
    "it": ["Laurea", "Laurea triennale", "Laurea magistrale", "Dottorato", "Master", "Diploma"],
    "nl": ["Bachelor", "Master", "HBO", "WO Master", "MSc", "BSc", "Propedeuse", "MBO"],
}
FIELDS: dict[str, list[str]] = {
    "en": ["Computer Science", "Economics", "Mechanical Engineering", "Business Administration", "Mathematics",
           "Electrical Engineering", "Psychology", "Marketing", "Finance", "Information Systems", "Physics",
           "Civil Engineering", "Chemistry", "Biology", "Data Science", "Law", "Accounting", "Nursing",
           "Graphic Design", "International Relations", "Software Engineering", "Statistics", "Journalism"],
    "es": ["Informática", "Economía", "Ingeniería Industrial", "Administración de Empresas", "Matemáticas",
           "Derecho", "Psicología", "Marketing", "Ingeniería de Telecomunicaciones", "Física", "Finanzas"],
    "fr": ["Informatique", "Économie", "Génie mécanique", "Gestion", "Mathématiques", "Droit", "Marketing",
           "Finance", "Génie civil", "Physique", "Commerce international"],
    "de": ["Informatik", "Wirtschaftsinformatik", "Betriebswirtschaftslehre", "Maschinenbau", "Mathematik",
           "Elektrotechnik", "Physik", "Rechtswissenschaften", "Psychologie", "Volkswirtschaftslehre"],
    "pt": ["Ciência da Computação", "Administração", "Engenharia Civil", "Economia", "Direito",
           "Engenharia de Produção", "Sistemas de Informação", "Matemática", "Marketing", "Psicologia"],
    "it": ["Informatica", "Economia", "Ingegneria Meccanica", "Ingegneria Informatica", "Giurisprudenza",
           "Matematica", "Fisica", "Economia Aziendale", "Psicologia", "Architettura"],
    "nl": ["Informatica", "Bedrijfskunde", "Economie", "Werktuigbouwkunde", "Rechten", "Wiskunde",
           "Technische Bestuurskunde", "Psychologie", "Communicatie", "Bouwkunde"],
}
# titles written in the document's language (English titles from the shipped list are used as well)
LOCAL_TITLES: dict[str, list[str]] = {
    "es": ["Desarrollador de Software", "Ingeniero de Datos", "Jefe de Proyecto", "Analista Financiero",
           "Gerente de Ventas", "Consultor SAP", "Director de Marketing", "Técnico de Sistemas",
           "Desarrolladora Full Stack", "Responsable de Recursos Humanos", "Ingeniera de Calidad",
           "Administrativo Contable", "Coordinador de Logística"],
    "fr": ["Développeur Full Stack", "Ingénieur logiciel", "Chef de projet", "Chargée de communication",
           "Responsable commercial", "Consultant SAP", "Directrice marketing", "Analyste financier",
           "Technicien support", "Ingénieure qualité", "Comptable", "Responsable logistique"],
    "de": ["Softwareentwickler", "Projektleiter", "Wirtschaftsinformatiker", "Vertriebsleiterin",
           "Senior Berater", "Teamleiter IT", "Entwicklungsingenieur", "Buchhalterin", "Personalreferentin",
           "Systemadministrator", "Leiter Marketing", "Data Engineer", "Produktmanagerin"],
    "pt": ["Desenvolvedor de Software", "Analista de Sistemas", "Gerente de Projetos", "Engenheira de Dados",
           "Coordenador de Vendas", "Analista Financeiro", "Consultor SAP", "Diretora de Marketing",
           "Técnico de Suporte", "Analista de Recursos Humanos"],
    "it": ["Sviluppatore Software", "Ingegnere del Software", "Project Manager", "Responsabile Commerciale",
           "Analista Programmatore", "Consulente SAP", "Direttrice Marketing", "Tecnico Informatico",
           "Impiegata Amministrativa", "Responsabile Qualità"],
    "nl": ["Softwareontwikkelaar", "Projectleider", "Data Engineer", "Accountmanager", "Teamleider",
           "Medewerker Klantenservice", "Financieel Analist", "Consultant", "Productmanager",
           "Systeembeheerder", "Marketingmanager"],
}

HIGHLIGHTS: dict[str, list[str]] = {
    "en": [
        "Reduced costs of {thing} by {pct}% by {doing}.",
        "Led a team of {n} engineers delivering {thing} for {client}.",
        "Built and maintained {thing} used by {big} customers.",
        "Migrated {thing} to {skill}, cutting release time from {n} weeks to {m} days.",
        "Introduced {skill} and {skill2} across {n} teams.",
        "Improved throughput of {thing} by {pct}% through {doing}.",
        "Managed a budget of ${money}K for {thing}.",
        "Designed {thing} with {skill}, now serving {big} requests a day.",
        "Mentored {n} junior colleagues and ran weekly {skill} workshops.",
        "Negotiated contracts with {n} suppliers, saving ${money}K a year.",
        "Owned the roadmap for {thing} in close work with {client}.",
        "Automated reporting for {thing} with {skill}.",
        "Cut customer churn by {pct}% after {doing}.",
        "Responsible for {thing} in {n} countries.",
        "Grew revenue from {thing} by {pct}% in {m} quarters.",
    ],
    "es": [
        "Reduje los costes de {thing} un {pct}% mediante {doing}.",
        "Dirigí un equipo de {n} personas en proyectos de {thing}.",
        "Desarrollo y mantenimiento de {thing} con {skill}.",
        "Implanté {skill} en {n} equipos.",
        "Mejora del rendimiento de {thing} en un {pct}%.",
        "Gestión de un presupuesto de {money}.000 EUR.",
    ],
    "fr": [
        "Réduction des coûts de {thing} de {pct} % grâce à {doing}.",
        "Encadrement d'une équipe de {n} personnes sur {thing}.",
        "Conception et maintenance de {thing} avec {skill}.",
        "Déploiement de {skill} dans {n} équipes.",
        "Amélioration des performances de {thing} de {pct} %.",
        "Gestion d'un budget de {money} k€.",
    ],
    "de": [
        "Senkung der Kosten für {thing} um {pct} % durch {doing}.",
        "Leitung eines Teams von {n} Mitarbeitenden im Bereich {thing}.",
        "Entwicklung und Betrieb von {thing} mit {skill}.",
        "Einführung von {skill} in {n} Teams.",
        "Steigerung der Leistung von {thing} um {pct} %.",
        "Verantwortung für ein Budget von {money} TEUR.",
    ],
    "pt": [
        "Reduzi os custos de {thing} em {pct}% com {doing}.",
        "Liderei uma equipe de {n} pessoas em projetos de {thing}.",
        "Desenvolvimento e manutenção de {thing} com {skill}.",
        "Implantação de {skill} em {n} equipes.",
        "Aumento de {pct}% no desempenho de {thing}.",
        "Gestão de um orçamento de R$ {money} mil.",
    ],
    "it": [
        "Riduzione dei costi di {thing} del {pct}% grazie a {doing}.",
        "Gestione di un team di {n} persone su {thing}.",
        "Sviluppo e manutenzione di {thing} con {skill}.",
        "Introduzione di {skill} in {n} team.",
        "Miglioramento delle prestazioni di {thing} del {pct}%.",
        "Gestione di un budget di {money}.000 EUR.",
    ],
    "nl": [
        "Kosten van {thing} met {pct}% verlaagd door {doing}.",
        "Leiding gegeven aan een team van {n} mensen voor {thing}.",
        "Ontwikkeling en beheer van {thing} met {skill}.",
        "{skill} ingevoerd bij {n} teams.",
        "Prestaties van {thing} met {pct}% verbeterd.",
        "Verantwoordelijk voor een budget van {money}.000 euro.",
    ],
}
THINGS = {
    "en": ["the billing platform", "the data pipeline", "the mobile app", "customer onboarding", "the supply chain",
           "the CRM", "warehouse operations", "the payments API", "the analytics stack", "the support desk",
           "the sales pipeline", "the recruiting process", "the test suite", "the design system"],
    "es": ["facturación", "plataforma de datos", "aplicación móvil", "logística", "CRM", "ventas"],
    "fr": ["facturation", "plateforme de données", "application mobile", "logistique", "CRM", "ventes"],
    "de": ["Abrechnung", "Datenplattform", "Mobile App", "Logistik", "CRM", "Vertrieb"],
    "pt": ["faturamento", "plataforma de dados", "aplicativo móvel", "logística", "CRM", "vendas"],
    "it": ["fatturazione", "piattaforma dati", "app mobile", "logistica", "CRM", "vendite"],
    "nl": ["facturatie", "dataplatform", "mobiele app", "logistiek", "CRM", "verkoop"],
}
DOINGS = {
    "en": ["consolidating vendors", "automating manual checks", "rewriting the scheduler", "introducing caching",
           "renegotiating contracts", "moving to the cloud"],
    "es": ["la automatización de procesos", "la migración a la nube"],
    "fr": ["l'automatisation des contrôles", "la migration vers le cloud"],
    "de": ["Automatisierung", "Migration in die Cloud"],
    "pt": ["automação de processos", "migração para a nuvem"],
    "it": ["l'automazione dei processi", "la migrazione al cloud"],
    "nl": ["automatisering", "migratie naar de cloud"],
}
CLIENTS = ["enterprise clients", "the finance team", "two public-sector clients", "a retail partner",
           "product and design", "the European market"]

SPOKEN = {
    "en": ["English", "Spanish", "French", "German", "Portuguese", "Italian", "Dutch", "Polish", "Hindi",
           "Mandarin", "Japanese", "Arabic"],
    "es": ["Español", "Inglés", "Francés", "Alemán", "Portugués", "Italiano", "Catalán"],
    "fr": ["Français", "Anglais", "Espagnol", "Allemand", "Italien", "Arabe"],
    "de": ["Deutsch", "Englisch", "Französisch", "Spanisch", "Italienisch", "Türkisch"],
    "pt": ["Português", "Inglês", "Espanhol", "Francês", "Alemão", "Italiano"],
    "it": ["Italiano", "Inglese", "Francese", "Spagnolo", "Tedesco"],
    "nl": ["Nederlands", "Engels", "Duits", "Frans", "Spaans"],
}
NATIVE = {"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch", "pt": "Português", "it": "Italiano",
          "nl": "Nederlands"}
FLUENCY = {
    "en": ["Native", "Fluent", "Professional working proficiency", "C1", "B2", "B1", "Basic", "Conversational"],
    "es": ["Nativo", "Fluido", "C1", "B2", "Intermedio", "Básico"],
    "fr": ["Langue maternelle", "Courant", "C1", "B2", "Intermédiaire", "Notions"],
    "de": ["Muttersprache", "Fließend", "Verhandlungssicher", "C1", "B2", "Grundkenntnisse"],
    "pt": ["Nativo", "Fluente", "Avançado", "Intermediário", "Básico", "B2"],
    "it": ["Madrelingua", "Fluente", "C1", "B2", "Intermedio", "Base"],
    "nl": ["Moedertaal", "Vloeiend", "C1", "B2", "Goed", "Basis"],
}
CERTS = [
    ("AWS Certified Solutions Architect – Associate", "Amazon Web Services"),
    ("Professional Scrum Master I", "Scrum.org"), ("PMP", "Project Management Institute"),
    ("Certified Kubernetes Administrator", "Cloud Native Computing Foundation"), ("CCNA", "Cisco"),
    ("Google Data Analytics Certificate", "Google"), ("ITIL 4 Foundation", "Axelos"),
    ("Microsoft Certified: Azure Fundamentals", "Microsoft"), ("CompTIA Security+", "CompTIA"),
    ("Certified Public Accountant", "AICPA"), ("PRINCE2 Foundation", "Axelos"), ("CFA Level I", "CFA Institute"),
    ("Oracle Certified Professional, Java SE 11 Developer", "Oracle"), ("Six Sigma Green Belt", "IASSC"),
    ("TOEFL iBT", "ETS"), ("Salesforce Certified Administrator", "Salesforce"), ("CISSP", "ISC2"),
]
SKILL_GROUPS = {
    "en": ["Programming", "Tools", "Frameworks", "Data", "Management", "Cloud", "Soft skills", "Languages & Tools"],
    "es": ["Programación", "Herramientas", "Gestión", "Datos"],
    "fr": ["Programmation", "Outils", "Gestion", "Données"],
    "de": ["Programmierung", "Werkzeuge", "Management", "Daten"],
    "pt": ["Programação", "Ferramentas", "Gestão", "Dados"],
    "it": ["Programmazione", "Strumenti", "Gestione", "Dati"],
    "nl": ["Programmeren", "Tools", "Management", "Data"],
}
SUMMARY = {
    "en": ["{title} with {n} years of experience in {thing} and {thing2}.",
           "Results-driven {title} focused on {thing}. Comfortable with {skill} and {skill2}.",
           "I am a {title} who enjoys {doing}; {n}+ years across {m} companies."],
    "es": ["{title} con {n} años de experiencia en {thing}.",
           "Profesional orientado a resultados con experiencia en {skill}."],
    "fr": ["{title} avec {n} ans d'expérience en {thing}.", "Professionnel rigoureux, à l'aise avec {skill}."],
    "de": ["{title} mit {n} Jahren Erfahrung in {thing}.", "Zielorientierte Fachkraft mit Erfahrung in {skill}."],
    "pt": ["{title} com {n} anos de experiência em {thing}.",
           "Profissional focado em resultados, com experiência em {skill}."],
    "it": ["{title} con {n} anni di esperienza in {thing}.",
           "Professionista orientato ai risultati, esperto di {skill}."],
    "nl": ["{title} met {n} jaar ervaring in {thing}.", "Resultaatgerichte professional met ervaring in {skill}."],
}

COMMON_HEADS = {"engineer", "developer", "manager", "analyst", "designer", "consultant", "specialist", "director",
                "coordinator", "administrator", "architect", "scientist", "lead", "officer", "assistant", "accountant",
                "technician", "representative", "executive", "nurse", "teacher", "writer", "associate", "advisor",
                "supervisor", "programmer", "recruiter", "editor", "intern", "planner", "auditor", "strategist"}
ACRONYMS = {"it", "hr", "qa", "ui", "ux", "sap", "crm", "erp", "sql", "aws", "gcp", "api", "ios", "seo", "vp",
            "cto", "ceo", "cfo", "coo", "ai", "ml", "bi", "php", "css", "html", "etl", "devops", "r&d", "ict",
            "hvac", "cnc", "rn", "lpn", "gis", "cad", "sr", "jr", "avp", "svp", "evp", "pr", "ehs", "rf"}


@dataclass
class Pools:
    titles: list[str]
    common_titles: list[str]  # titles ending in a frequent head word (engineer, manager, ...)
    skills: list[str]
    cities: dict[str, list[tuple[str, str, int]]]  # country -> (city, region, population)
    universities: dict[str, list[str]]  # country -> names


def _title_case(text: str) -> str:
    words = []
    for word in text.split():
        low = word.lower()
        if low in ACRONYMS:
            words.append(low.upper() if low != "devops" else "DevOps")
        elif low in {"of", "and", "for", "the", "in", "to", "at", "de", "la"} and words:
            words.append(low)
        elif low.startswith(".") or any(ch.isdigit() for ch in low):
            words.append(word.upper() if len(word) <= 4 else word)
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)


def _skill_case(text: str) -> str:
    if len(text) <= 3 or text in ACRONYMS:
        return text.upper()
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


@cache
def pools() -> Pools:
    titles = [line.strip() for line in gzip.open(DATA / "job_titles.txt.gz", "rt", encoding="utf-8")]
    titles = [t for t in titles if t and 1 <= len(t.split()) <= 5 and re.fullmatch(r"[a-z .&/'+-]+", t)]
    common = [t for t in titles if t.split()[-1] in COMMON_HEADS]
    skills = [line.strip() for line in gzip.open(DATA / "skills.txt.gz", "rt", encoding="utf-8")]
    skills = [s for s in skills if s and len(s) <= 28 and re.fullmatch(r"[a-z0-9 .#+/-]+", s)]
    gaz = json.load(gzip.open(DATA / "gazetteer.json.gz", "rt", encoding="utf-8"))
    cities: dict[str, list[tuple[str, str, int]]] = {}
    for row in gaz["cities"]:
        name, country, region, population = row[0], row[1], row[2], row[3]
        if population >= 30000 and not name.startswith("'"):
            cities.setdefault(country, []).append((name, region, population))
    universities: dict[str, list[str]] = {}
    if UNIVERSITIES_CSV.exists():
        with UNIVERSITIES_CSV.open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                if len(row) >= 2 and row[1].strip():
                    universities.setdefault(row[0].upper(), []).append(row[1].strip())
    return Pools(sorted(set(titles)), sorted(set(common)), sorted(set(skills)), cities, universities)


def _weighted(rng: random.Random, pairs: list[tuple[Any, float]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(ch for ch in text if not unicodedata.combining(ch)).lower())


def _country(locale: str) -> str:
    return locale.split("_")[1]


class Sampler:
    """Draws one record per document; the same (seed, index) always gives the same record."""

    def __init__(self, seed: int) -> None:
        from faker import Faker

        self.seed = seed
        self.pools = pools()
        self._fakers: dict[str, Any] = {}
        self._faker_cls = Faker

    def faker(self, locale: str, rng: random.Random) -> Any:
        if locale not in self._fakers:
            self._fakers[locale] = self._faker_cls(locale)
        fake = self._fakers[locale]
        fake.seed_instance(rng.randrange(2**31))
        return fake

    # -- pieces -----------------------------------------------------------------------------------------------
    def city(self, rng: random.Random, country: str) -> tuple[str, str, str]:
        rows = self.pools.cities.get(country) or self.pools.cities["US"]
        top = sorted(rows, key=lambda r: -r[2])[:300]
        name, region, _ = rng.choices(top, weights=[r[2] ** 0.5 for r in top])[0]
        return name, region, country

    def company(self, rng: random.Random, fake: Any, country: str) -> str:
        suffixes = COMPANY_SUFFIXES.get(country, COMPANY_SUFFIXES["US"])
        roll = rng.random()
        if roll < 0.35:
            base = fake.company()
            if rng.random() < 0.3 and not base.endswith(tuple(suffixes)):
                base = f"{base} {rng.choice(suffixes)}"
            return base
        if roll < 0.65:
            return f"{rng.choice(BRANDS)} {rng.choice(INDUSTRY)} {rng.choice(suffixes)}"
        if roll < 0.8:
            return f"{rng.choice(BRANDS)}{rng.choice(['', 'ly', 'io', 'ware', 'tech'])} {rng.choice(suffixes)}"
        if roll < 0.9:
            return f"{fake.last_name()} {rng.choice(['& Partners', '& Co', 'Consulting', 'Group', 'Associates'])}"
        if roll < 0.95:  # long names
            return (f"{rng.choice(BRANDS)} {rng.choice(INDUSTRY)} and {rng.choice(INDUSTRY)} Services "
                    f"{rng.choice(suffixes)}")
        return rng.choice(BRANDS) + rng.choice(["", "X", "AI", "Hub"])  # short brand

    def title(self, rng: random.Random, lang: str) -> str:
        if lang != "en" and rng.random() < 0.55:
            return rng.choice(LOCAL_TITLES[lang])
        pool = self.pools.common_titles if rng.random() < 0.85 else self.pools.titles
        title = _title_case(rng.choice(pool))
        if rng.random() < 0.2:
            title = f"{rng.choice(['Senior', 'Lead', 'Junior', 'Principal', 'Head of'])} {title}"
        return title

    def skill(self, rng: random.Random) -> str:
        return _skill_case(rng.choice(self.pools.skills))

    def sentence(self, rng: random.Random, lang: str, table: dict[str, list[str]], **extra: Any) -> str:
        values = {
            "thing": rng.choice(THINGS[lang]), "thing2": rng.choice(THINGS[lang]), "doing": rng.choice(DOINGS[lang]),
            "client": rng.choice(CLIENTS), "skill": self.skill(rng), "skill2": self.skill(rng),
            "pct": rng.choice([12, 15, 18, 20, 25, 30, 35, 40, 45, 60]), "n": rng.randint(2, 12),
            "m": rng.randint(2, 6), "big": rng.choice(["20,000", "150,000", "1.2 million", "3,500", "500"]),
            "money": rng.choice([120, 250, 400, 650, 800]),
        }
        values.update(extra)
        text = rng.choice(table[lang]).format(**values)
        return text[:1].upper() + text[1:]

    def school(self, rng: random.Random, country: str) -> str:
        names = self.pools.universities.get(country)
        if not names or rng.random() < 0.15:
            names = self.pools.universities.get(rng.choice(["US", "GB", "DE", "FR", "ES", "IN", "NL", "IT", "BR"]))
        if not names:
            return rng.choice(["University of Westbridge", "Northfield Institute of Technology"])
        return rng.choice(names)

    # -- the record ---------------------------------------------------------------------------------------------
    def record(self, index: int, lang: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """The JSON Resume record of document ``index`` and its sampling facts (language, Faker locale)."""
        rng = random.Random(f"{self.seed}:{index}")
        if lang is None:
            lang = _weighted(rng, list(LANGUAGE_WEIGHTS.items()))
        locale = _weighted(rng, LOCALES[lang])
        fake = self.faker(locale, rng)
        country = _country(locale)
        female = rng.random() < 0.5
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
        name = f"{first} {last}"
        if rng.random() < 0.08:
            name = f"{first} {fake.first_name_female() if female else fake.first_name_male()} {last}"
        user = f"{_ascii(first)}.{_ascii(last)}" if rng.random() < 0.7 else f"{_ascii(first)[:1]}{_ascii(last)}"
        email = f"{user}@{rng.choice(['example.com', 'example.org', 'mail.example.com'])}"
        if country == "US":
            phone = rng.choice(["({a}) 555-01{b:02d}", "+1 {a} 555 01{b:02d}", "{a}-555-01{b:02d}"]).format(
                a=rng.choice([212, 303, 415, 512, 617, 206, 312, 646, 720]), b=rng.randint(0, 99))
        else:
            phone = fake.phone_number()
        city, region, ccode = self.city(rng, country)
        n_jobs = rng.choices([1, 2, 3, 4, 5, 6], weights=[1, 3, 4, 3, 2, 1])[0]
        n_edu = rng.choices([1, 2, 3], weights=[5, 4, 1])[0]

        # work, newest first; a company may hold consecutive roles
        work: list[dict[str, Any]] = []
        year, month = 2026 - rng.randint(0, 2), rng.randint(1, 12)
        current = rng.random() < 0.7
        company, company_url = None, None
        for i in range(n_jobs):
            same = company is not None and rng.random() < 0.18
            if not same:
                company = self.company(rng, fake, country)
                company_url = f"https://{_ascii(company)[:20] or 'company'}.example.com"
            length = rng.randint(4, 48)
            end = None if (i == 0 and current) else (year, month)
            start_total = year * 12 + month - 1 - length
            start = (start_total // 12, start_total % 12 + 1)
            entry: dict[str, Any] = {"name": company, "position": self.title(rng, lang)}
            if rng.random() < 0.3:
                entry["url"] = company_url
            if rng.random() < 0.7:
                wcity = city if rng.random() < 0.6 else self.city(rng, country)[0]
                entry["location"] = wcity if rng.random() < 0.6 else f"{wcity}, {ccode}"
            entry["startDate"] = self._date(rng, start)
            if end is not None:
                entry["endDate"] = self._date(rng, end)
            if rng.random() < 0.35:
                entry["summary"] = self.sentence(rng, lang, HIGHLIGHTS)
            if rng.random() < 0.85:
                entry["highlights"] = [self.sentence(rng, lang, HIGHLIGHTS) for _ in range(rng.randint(1, 5))]
            work.append(entry)
            gap = rng.choice([0, 0, 0, 1, 2, 3, 6])
            total = start_total - gap
            year, month = total // 12, total % 12 + 1
        education: list[dict[str, Any]] = []
        eyear = year - rng.randint(0, 2)
        for _ in range(n_edu):
            span = rng.choice([2, 3, 4, 5, 1])
            edu: dict[str, Any] = {"institution": self.school(rng, country)}
            if rng.random() < 0.9:
                edu["studyType"] = rng.choice(DEGREES[lang])
            if rng.random() < 0.85:
                edu["area"] = rng.choice(FIELDS[lang])
            if rng.random() < 0.8:
                edu["startDate"] = self._date(rng, (eyear - span, rng.choice([9, 10, 1])), year_only=0.4)
            edu["endDate"] = self._date(rng, (eyear, rng.choice([6, 7, 12])), year_only=0.4)
            if rng.random() < 0.2:
                edu["score"] = rng.choice(["3.8", "3.6 GPA", "1.3", "16/20", "110/110", "8.5", "First Class"])
            if rng.random() < 0.15:
                edu["courses"] = [rng.choice(FIELDS[lang]) for _ in range(rng.randint(1, 3))]
            education.append(edu)
            eyear -= span + rng.choice([0, 0, 1])
        skills = []
        if rng.random() < 0.5:
            for group in rng.sample(SKILL_GROUPS[lang], rng.randint(1, 3)):
                skills.append({"name": group, "keywords": [self.skill(rng) for _ in range(rng.randint(2, 6))]})
        else:
            for _ in range(rng.randint(3, 10)):
                s: dict[str, Any] = {"name": self.skill(rng)}
                if rng.random() < 0.4:
                    s["level"] = rng.choice(["Beginner", "Intermediate", "Advanced", "Expert", "Master"])
                skills.append(s)
        spoken = [NATIVE[lang], *rng.sample([x for x in SPOKEN[lang] if x != NATIVE[lang]], rng.randint(0, 3))]
        languages = [{"language": x, "fluency": FLUENCY[lang][0] if j == 0 else rng.choice(FLUENCY[lang][1:])}
                     for j, x in enumerate(spoken)]
        first_title = work[0]["position"]
        basics: dict[str, Any] = {"name": name, "label": first_title if rng.random() < 0.75 else self.title(rng, lang),
                                  "email": email, "phone": phone}
        if rng.random() < 0.3:
            basics["url"] = f"https://{_ascii(last)}.example.org"
        if rng.random() < 0.7:
            basics["summary"] = self.sentence(rng, lang, SUMMARY, title=first_title)
        loc: dict[str, Any] = {"city": city, "countryCode": ccode}
        if region and rng.random() < 0.7:
            loc["region"] = region
        if rng.random() < 0.15:
            loc["address"] = fake.street_address()
            loc["postalCode"] = fake.postcode()
        if rng.random() < 0.92:
            basics["location"] = loc
        handle = user.replace(".", "")
        profiles = []
        if rng.random() < 0.7:
            profiles.append({"network": "LinkedIn", "username": handle, "url": f"https://www.linkedin.com/in/{handle}"})
        if rng.random() < 0.35:
            profiles.append({"network": "GitHub", "username": handle, "url": f"https://github.com/{handle}"})
        if profiles:
            basics["profiles"] = profiles
        record: dict[str, Any] = {"basics": basics, "work": work, "education": education, "skills": skills,
                                  "languages": languages}
        if rng.random() < 0.45:
            certs = rng.sample(CERTS, rng.randint(1, 3))
            record["certificates"] = [
                {"name": c, "issuer": issuer, "date": self._date(rng, (rng.randint(2014, 2025), rng.randint(1, 12)))}
                for c, issuer in certs]
        if rng.random() < 0.15:
            record["interests"] = [{"name": rng.choice(["Cycling", "Chess", "Photography", "Running", "Music"])}]
        return record, {"language": lang, "faker_locale": locale}

    @staticmethod
    def _date(rng: random.Random, ym: tuple[int, int], year_only: float = 0.08) -> str:
        y, m = ym
        roll = rng.random()
        if roll < year_only:
            return f"{y:04d}"
        if roll < year_only + 0.3:
            return f"{y:04d}-{m:02d}"
        return f"{y:04d}-{m:02d}-01"
