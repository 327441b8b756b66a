"""Section headings, month names and the word for "present" in the seven languages the corpus is rendered in.

The headings are the ones a resume in that language commonly prints; each kind has a few variants so that one
language does not always show the same word. Month names follow the usual written forms (abbreviations as
printed, with their dots where the language uses them).
"""

from __future__ import annotations

LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl")

# kind -> language -> variants (the first is the most common)
HEADINGS: dict[str, dict[str, list[str]]] = {
    "summary": {
        "en": ["Summary", "Profile", "Professional Summary", "About Me"],
        "es": ["Perfil", "Resumen", "Perfil profesional", "Sobre mí"],
        "fr": ["Profil", "Résumé", "À propos", "Profil professionnel"],
        "de": ["Profil", "Über mich", "Kurzprofil", "Zusammenfassung"],
        "pt": ["Resumo", "Perfil", "Sobre mim", "Resumo profissional"],
        "it": ["Profilo", "Sommario", "Chi sono", "Profilo professionale"],
        "nl": ["Profiel", "Samenvatting", "Over mij"],
    },
    "work": {
        "en": ["Experience", "Work Experience", "Professional Experience", "Employment History"],
        "es": ["Experiencia", "Experiencia profesional", "Experiencia laboral"],
        "fr": ["Expérience", "Expérience professionnelle", "Parcours professionnel"],
        "de": ["Berufserfahrung", "Erfahrung", "Beruflicher Werdegang"],
        "pt": ["Experiência", "Experiência profissional"],
        "it": ["Esperienza", "Esperienza professionale", "Esperienze lavorative"],
        "nl": ["Werkervaring", "Ervaring", "Loopbaan"],
    },
    "education": {
        "en": ["Education", "Academic Background", "Education and Training"],
        "es": ["Formación", "Educación", "Formación académica"],
        "fr": ["Formation", "Études", "Parcours académique"],
        "de": ["Ausbildung", "Bildung", "Studium"],
        "pt": ["Formação", "Educação", "Formação acadêmica"],
        "it": ["Istruzione", "Formazione", "Studi"],
        "nl": ["Opleiding", "Opleidingen", "Onderwijs"],
    },
    "skills": {
        "en": ["Skills", "Technical Skills", "Core Skills"],
        "es": ["Habilidades", "Competencias", "Conocimientos"],
        "fr": ["Compétences", "Compétences techniques"],
        "de": ["Kenntnisse", "Fähigkeiten", "Kompetenzen"],
        "pt": ["Habilidades", "Competências"],
        "it": ["Competenze", "Competenze tecniche", "Abilità"],
        "nl": ["Vaardigheden", "Competenties", "Kennis"],
    },
    "languages": {
        "en": ["Languages"],
        "es": ["Idiomas"],
        "fr": ["Langues"],
        "de": ["Sprachen", "Sprachkenntnisse"],
        "pt": ["Idiomas"],
        "it": ["Lingue", "Conoscenze linguistiche"],
        "nl": ["Talen", "Talenkennis"],
    },
    "certificates": {
        "en": ["Certifications", "Certificates", "Licenses & Certifications"],
        "es": ["Certificaciones", "Certificados"],
        "fr": ["Certifications", "Certificats"],
        "de": ["Zertifikate", "Zertifizierungen"],
        "pt": ["Certificações", "Certificados"],
        "it": ["Certificazioni", "Certificati"],
        "nl": ["Certificaten", "Certificeringen"],
    },
    "projects": {
        "en": ["Projects"], "es": ["Proyectos"], "fr": ["Projets"], "de": ["Projekte"],
        "pt": ["Projetos"], "it": ["Progetti"], "nl": ["Projecten"],
    },
    "volunteer": {
        "en": ["Volunteer", "Volunteering"], "es": ["Voluntariado"], "fr": ["Bénévolat"], "de": ["Ehrenamt"],
        "pt": ["Voluntariado"], "it": ["Volontariato"], "nl": ["Vrijwilligerswerk"],
    },
    "awards": {
        "en": ["Awards"], "es": ["Premios"], "fr": ["Distinctions"], "de": ["Auszeichnungen"],
        "pt": ["Prêmios"], "it": ["Premi"], "nl": ["Prijzen"],
    },
    "interests": {
        "en": ["Interests"], "es": ["Intereses"], "fr": ["Centres d'intérêt"], "de": ["Interessen"],
        "pt": ["Interesses"], "it": ["Interessi"], "nl": ["Interesses"],
    },
    "references": {
        "en": ["References"], "es": ["Referencias"], "fr": ["Références"], "de": ["Referenzen"],
        "pt": ["Referências"], "it": ["Referenze"], "nl": ["Referenties"],
    },
    "publications": {
        "en": ["Publications"], "es": ["Publicaciones"], "fr": ["Publications"], "de": ["Publikationen"],
        "pt": ["Publicações"], "it": ["Pubblicazioni"], "nl": ["Publicaties"],
    },
    "contact": {
        "en": ["Contact"], "es": ["Contacto"], "fr": ["Contact"], "de": ["Kontakt"],
        "pt": ["Contato"], "it": ["Contatti"], "nl": ["Contact"],
    },
}

MONTHS: dict[str, list[str]] = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
}

MONTH_ABBR: dict[str, list[str]] = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    "pt": ["jan.", "fev.", "mar.", "abr.", "maio", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
    "it": ["gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.", "set.", "ott.", "nov.", "dic."],
    "nl": ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
}

PRESENT: dict[str, str] = {
    "en": "Present", "es": "Actualidad", "fr": "Aujourd'hui", "de": "heute", "pt": "Atual", "it": "Oggi",
    "nl": "heden",
}

# English words the JSON Resume themes print beside the headings (labels of contact lines, "Courses", ...),
# translated when the document is not English.
LABELS: dict[str, dict[str, str]] = {
    "courses": {"en": "Courses", "es": "Cursos", "fr": "Cours", "de": "Kurse", "pt": "Cursos", "it": "Corsi",
                "nl": "Cursussen"},
    "email": {"en": "Email", "es": "Correo", "fr": "E-mail", "de": "E-Mail", "pt": "E-mail", "it": "E-mail",
              "nl": "E-mail"},
    "phone": {"en": "Phone", "es": "Teléfono", "fr": "Téléphone", "de": "Telefon", "pt": "Telefone",
              "it": "Telefono", "nl": "Telefoon"},
    "website": {"en": "Website", "es": "Sitio web", "fr": "Site web", "de": "Webseite", "pt": "Site",
                "it": "Sito web", "nl": "Website"},
}

# duration words (themes and RenderCV print "2 years 3 months" beside the dates)
DURATION: dict[str, dict[str, str]] = {
    "en": {"year": "year", "years": "years", "month": "month", "months": "months"},
    "es": {"year": "año", "years": "años", "month": "mes", "months": "meses"},
    "fr": {"year": "an", "years": "ans", "month": "mois", "months": "mois"},
    "de": {"year": "Jahr", "years": "Jahre", "month": "Monat", "months": "Monate"},
    "pt": {"year": "ano", "years": "anos", "month": "mês", "months": "meses"},
    "it": {"year": "anno", "years": "anni", "month": "mese", "months": "mesi"},
    "nl": {"year": "jaar", "years": "jaar", "month": "maand", "months": "maanden"},
}

# RenderCV's page footer and "last updated" line
PAGE_TEMPLATE: dict[str, str] = {
    "en": "NAME - Page PAGE_NUMBER of TOTAL_PAGES", "es": "NAME - Página PAGE_NUMBER de TOTAL_PAGES",
    "fr": "NAME - Page PAGE_NUMBER sur TOTAL_PAGES", "de": "NAME - Seite PAGE_NUMBER von TOTAL_PAGES",
    "pt": "NAME - Página PAGE_NUMBER de TOTAL_PAGES", "it": "NAME - Pagina PAGE_NUMBER di TOTAL_PAGES",
    "nl": "NAME - Pagina PAGE_NUMBER van TOTAL_PAGES",
}
UPDATED_TEMPLATE: dict[str, str] = {
    "en": "Last updated in TODAY", "es": "Actualizado en TODAY", "fr": "Mis à jour en TODAY",
    "de": "Zuletzt aktualisiert im TODAY", "pt": "Atualizado em TODAY", "it": "Aggiornato a TODAY",
    "nl": "Bijgewerkt in TODAY",
}
