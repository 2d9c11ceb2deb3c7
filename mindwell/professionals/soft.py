"""The quieter ways a professional solicits, in six languages (en, es, fr, de, pt, it).

`boundaries.py` finds the explicit ones (phone numbers, emails, "DM me", "I offer
sessions", booking links). These find what a determined professional writes instead:
numbers spelled out in words, "name at gmail", a bare website, "look me up", "details on
my profile", "a free 15-minute consult", requests for reviews, a practice name with a
city, offers to meet or befriend a member, and the same invitations and offers in
Spanish, French, German, Portuguese and Italian.

Tuned on the development split of the boundary evaluation set only
(`boundary_eval/dev/`); the held-out split is read by `make eval-screening` alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

SOFT = "soft"  # numbers in words, a free consult, offers in other languages, a practice + city
POINTER = "pointer"  # "look me up", "details on my profile", "my site example.com"
PROMOTION_KIND = "promotion"  # "my course", "my podcast", a discount code, "ask for me"
MEET = "meet"  # "happy to meet for coffee", "add me as a friend"
TESTIMONIAL = "testimonial"  # "leave me a review", "a testimonial would help"

FLAGS = re.IGNORECASE | re.MULTILINE

# Numbers in words -------------------------------------------------------------------

_DIGIT_WORDS = {
    # en
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    # es / pt / it (shared spellings counted once)
    "cero": "0", "uno": "1", "una": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5",
    "seis": "6", "siete": "7", "ocho": "8", "nueve": "9",
    "um": "1", "dois": "2", "duas": "2", "três": "3", "quatro": "4", "sete": "7", "oito": "8",
    "nove": "9",
    "zéro": "0", "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7",
    "huit": "8", "neuf": "9",
    "null": "0", "eins": "1", "zwei": "2", "zwo": "2", "drei": "3", "vier": "4", "fünf": "5",
    "sechs": "6", "sieben": "7", "acht": "8", "neun": "9",
    "due": "2", "tre": "3", "quattro": "4", "sei": "6", "sette": "7", "otto": "8",
}  # fmt: skip
_WORD_OR_DIGIT = r"(?:" + "|".join(sorted(map(re.escape, _DIGIT_WORDS), key=len, reverse=True))
_WORD_OR_DIGIT += r"|\d)"
SPELLED_NUMBER = re.compile(
    rf"(?<!\w){_WORD_OR_DIGIT}(?:[\s,.\-/]+{_WORD_OR_DIGIT}){{6,}}(?!\w)", re.IGNORECASE
)


def _spelled_numbers(text: str) -> Iterator[tuple[str, str]]:
    for match in SPELLED_NUMBER.finditer(text):
        tokens = re.findall(rf"{_WORD_OR_DIGIT}", match.group(0), re.IGNORECASE)
        words = [t for t in tokens if not t.isdigit()]
        if len(tokens) >= 7 and len(words) >= 3:  # a phone number read aloud
            yield SOFT, match.group(0)


# Patterns -------------------------------------------------------------------------

# Top-level domains a private practice uses (not .org, .gov, .edu: public services).
_TLD = (
    r"(?:com|net|io|co|me|info|biz|health|care|clinic|therapy|de|es|fr|it|pt|br|mx|ar|ch|at"
    r"|be|nl|ca|au|us)"
)
BARE_SITE = re.compile(
    # "my site janedoecounseling.com", "visit www.x.com", "x dot com"
    rf"\b(?:my|our|mi|mis|nuestro|mon|ma|notre|mein|meine|unsere?|meu|minha|nosso|mio|mia"
    r"|nostro)\s+(?:\w+\s+){0,2}?(?:site|website|web|page|página|pagina|seite|homepage|blog"
    r"|sitio|newsletter|canal|channel|podcast|course|curso|cours|kurs|corso|webinar|ebook"
    r"|e-book)\b"
    rf"|\b(?:www\.)?[a-z0-9-]{{3,40}}(?:counsel+ing|therapy|therapie|terapia|thérapie"
    rf"|psycholog\w*|psicolog\w*|coaching|wellness|mind\w*)[a-z0-9-]*\.{_TLD}\b"
    rf"|\b[a-z0-9-]{{3,40}}\s+(?:dot|punto|point|punkt|ponto)\s+{_TLD}\b",
    FLAGS,
)
LOOK_ME_UP = re.compile(
    r"\b(?:look|search|google|find)\s+(?:me|my\s+name|for\s+me|my\s+practice)\b(?:\s+up)?"
    r"|\blook\s+me\s+up\b|\bmy\s+name\s+is\s+easy\s+to\s+find\b"
    r"|\b(?:details|info(?:rmation)?|contact|number|email|link|links)\s+(?:is|are)\s+(?:on|in)\s+"
    r"my\s+(?:profile|bio|page)\b"
    r"|\b(?:check|see|visit|view)\s+(?:out\s+)?my\s+(?:profile|bio|page|site|website|channel)\b"
    r"|\b(?:in|on)\s+my\s+(?:profile|bio)\b"
    r"|\b(?:búscame|buscame|búsqueme|me\s+encuentras|mi\s+perfil|en\s+mi\s+bio)\b"
    r"|\b(?:cherchez|cherche)[- ]moi\b|\bsur\s+mon\s+profil\b|\bmon\s+profil\b"
    r"|\b(?:googeln\s+sie\s+mich|googelt\s+mich|such(?:en\s+sie|t)?\s+(?:mich|nach\s+mir))\b"
    r"|\b(?:in|auf)\s+meinem\s+profil\b|\bmein\s+profil\b"
    r"|\b(?:me\s+procur[ae]|procur[ae]-me|no\s+meu\s+perfil|meu\s+perfil)\b"
    r"|\b(?:cercami|cercatemi|mi\s+trovi|sul\s+mio\s+profilo|nel\s+mio\s+profilo|mio\s+profilo)\b"
    r"|\blink\s+(?:in|nella|na|en|dans\s+ma|in\s+meiner)\s+(?:my\s+)?bio\b"
    # a name to search for, quoted: "pesquisar 'Teresa Gouveia psicoterapeuta Porto' no Google"
    r"|\b(?:search\w*|google\w*|look\s+up|pesquis\w*|procur\w*|busc\w*|cherche\w*|tape\w*"
    r"|such\w*|cerca\w*)\s+(?:for\s+|por\s+|nach\s+)?['\"«„“][^'\"»“”\n]{3,60}['\"»“”]"
    r"\s+(?:no|on|en|sur|auf|su|in)\s+google\b",
    FLAGS,
)
FREE_CONSULT = re.compile(
    r"\bfree\s+(?:\d+[- ]?(?:min(?:ute)?s?)\s+)?(?:consult(?:ation)?|session|call|intro\w*"
    r"|discovery\s+call|assessment)\b"
    r"|\b\d+[- ]?min(?:ute)?s?\s+(?:free\s+)?(?:consult(?:ation)?|intro\w*|discovery)\b"
    r"|\b(?:discount|promo|coupon)\s+code\b|\bcode\s+(?-i:[A-Z0-9]{4,})\b"
    r"|\b(?:consulta|sesión|sesion|primera\s+sesión)\s+(?:inicial\s+)?(?:gratis|gratuita)\b"
    r"|\b(?:consultation|séance|seance|premier\s+rendez-vous)\s+(?:\w+\s+)?(?:gratuite?|offerte?)\b"
    r"|\b(?:kostenlose?s?|gratis)\s+(?:\w+\s+)?(?:erstgespräch|beratung|sitzung|termin|kennenlerngespräch)\b"
    r"|\b(?:consulta|sessão|sessao)\s+(?:\w+\s+)?(?:gratuita|grátis|gratis)\b"
    r"|\b(?:consulenza|seduta|sessione|primo\s+colloquio|colloquio)\s+(?:\w+\s+)?(?:gratuit[ao]|gratis|omaggio)\b",
    FLAGS,
)
_CLIENTS = (
    r"(?:clients?|patients?|clientes?|pacientes?|patient(?:e|s|es)?|klient(?:en|innen)?"
    r"|patient(?:en|innen)|pazienti|client[ie])"
)
MULTILINGUAL_OFFER = re.compile(
    # es
    r"\b(?:ofrezco|doy|atiendo)\s+(?:\w+\s+){0,3}?(?:sesiones|consultas|terapia|citas)\b"
    r"|\btengo\s+(?:\w+\s+){0,2}?(?:huecos|plazas|disponibilidad)\b"
    r"|\b(?:acepto|aceptando|atiendo)\s+(?:nuevos?\s+)?(?:pacientes|clientes)\b"
    r"|\bmi\s+(?:consultorio|gabinete)\b"
    r"|\b(?:escríbeme|escribeme|contáctame|contactame|llámame|llamame|mándame|mandame"
    r"|envíame|enviame)\b"
    r"|\b(?:hablamos|seguimos|te\s+(?:escribo|cuento|paso)|escr[íi]beme|h[áa]blame|m[áa]ndame)\s+"
    r"(?:\w+\s+){0,2}(?:por|al|en)\s+(?:privado|mensaje\s+privado|md|dm|whatsapp)\b"
    r"|\b(?:puedo|podría|podria)\s+(?:atenderte|ayudarte\s+en\s+(?:consulta|sesión|privado))\b"
    # fr
    r"|\b(?:je\s+(?:propose|offre|consulte|reçois|recois)|j'offre|je\s+donne)\s+(?:\w+\s+){0,3}?"
    r"(?:séances|seances|consultations|rendez-vous|suivis?|thérapies?)?\b(?=.{0,40}\b(?:séance"
    r"|seance|consultation|cabinet|rendez-vous|suivi|patient|client))"
    r"|\bmon\s+cabinet\b|\b(?:écrivez|ecrivez|contactez|appelez)[- ]moi\b"
    r"|\b(?:écris|ecris|contacte|appelle)[- ]moi\b"
    r"|\b(?:écri\w*|parl\w*|discut\w*|contact\w*|continu\w*)\s+(?:\w+\s+){0,2}en\s+(?:mp|privé)\b"
    r"|\bje\s+(?:prends|accepte)\s+(?:de\s+)?nouveaux\s+(?:patients|clients)\b"
    r"|\bprendre\s+rendez-vous\s+(?:avec\s+moi|à\s+mon\s+cabinet|chez\s+moi)\b"
    # de
    r"|\bmeine[rn]?\s+(?:praxis|sprechstunde)\b|\bin\s+meiner\s+praxis\b(?=.{0,60}\b(?:termin"
    r"|platz|plätze|frei|kommen|melden))"
    r"|\b(?:schreib(?:en\s+sie)?|kontaktier(?:en\s+sie)?|ruf(?:en\s+sie)?)\s+mi(?:ch|r)\b(?:\s+an)?"
    r"|\b(?:mir|mich)\s+(?:\w+\s+){0,2}(?:per|via|als)\s+(?:pn|dm|privatnachricht"
    r"|direktnachricht)\b"
    r"|\b(?:ich\s+(?:biete|habe)|wir\s+(?:bieten|haben))\s+(?:\w+\s+){0,3}?(?:sitzungen"
    r"|termine|therapieplätze|therapieplatz|plätze|kapazitäten|beratung|erstgespräch)\b"
    r"|\b(?:nehme|nehmen)\s+(?:\w+\s+)?(?:neue\s+)?(?:klienten|patienten|klientinnen)\b"
    r"|\bfreie\s+(?:therapie)?plätze\b"
    # pt
    r"|\b(?:ofereço|atendo)\s+(?:\w+\s+){0,3}?(?:sessões|sessoes|consultas|terapia"
    r"|atendimentos?)\b"
    r"|\b(?:aceito|aceitando|atendendo)\s+(?:novos?\s+)?(?:pacientes|clientes)\b"
    r"|\bmeu\s+(?:consultório|consultorio)\b"
    r"|\bme\s+(?:chama|manda\s+(?:uma\s+)?mensagem|escreva|liga|ligue)\s+(?:no|pelo|por|via)\s+"
    r"(?:privado|direct|whats\w*|zap|inbox|pv|telegram|dm)\b"
    r"|\b(?:me\s+chama|fala\s+comigo|me\s+manda\s+(?:\w+\s+)?|conversamos)\s+no\s+"
    r"(?:privado|direct|inbox|pv|zap|whats(?:app)?)\b"
    r"|\btenho\s+(?:vagas|horários|horarios)\b"
    # it
    r"|\b(?:offro|ricevo|faccio)\s+(?:\w+\s+){0,3}?(?:sedute|sessioni|consulenze|colloqui"
    r"|percorsi)\b"
    r"|\b(?:accetto|prendo)\s+(?:nuovi\s+)?(?:pazienti|clienti)\b"
    r"|\bil\s+mio\s+studio\b|\bnel\s+mio\s+studio\b"
    r"|\b(?:scrivimi|contattami|chiamami|mandami)\b"
    r"|\b(?:parliamo(?:ne)?|sentiamoci|scrivimi|ne\s+parliamo)\s+(?:\w+\s+)?in\s+(?:privato|dm|pm)\b"
    r"|\bho\s+(?:posti|disponibilità|disponibilita)\b"
    rf"|\bnuovi\s+{_CLIENTS}\b",
    FLAGS,
)
_MEAL = (
    r"(?:coffee|a\s+coffee|lunch|a\s+drink|drinks|dinner|a\s+walk|tea|déjeuner|dîner|un\s+café"
    r"|un\s+verre|mittag(?:essen)?|essen|kaffee|was\s+trinken|almoçar|almocar|jantar|um\s+café"
    r"|pranzare|pranzo|cena|cenare|un\s+caffè|un\s+aperitivo|comer|cenar|un\s+café|unos\s+mates"
    r"|algo|tomar\s+algo)"
)
_TOGETHER = r"(?:together|ensemble|zusammen|juntos|juntas|insieme)"
_LATER = (
    r"(?:(?:next|this)\s+(?:month|week)|nächste[nr]?\s+(?:monat|woche)|le\s+mois\s+prochain"
    r"|la\s+semaine\s+prochaine|el\s+mes\s+que\s+viene|la\s+semana\s+que\s+viene"
    r"|(?:no\s+)?m[êe]s\s+que\s+vem|pr[óo]ximo\s+m[êe]s|il\s+mese\s+prossimo|la\s+settimana"
    r"\s+prossima)"
)
MEET_UP = re.compile(
    # "(I/we/let's/happy to) ... meet for coffee", "coffee with me"; not "meeting your friend
    # for coffee" (advice about the asker's own life)
    r"\b(?:i|we|let's|lets|happy\s+to|glad\s+to|love\s+to|could|can)\b[^.!?\n]{0,30}\b"
    rf"(?:meet|grab|get|have)\s+(?:up\s+)?(?:for\s+)?{_MEAL}\b"
    rf"|\b{_MEAL}\s+with\s+me\b"
    rf"|\b{_MEAL}\b[^.!?\n]{{0,25}}\b{_TOGETHER}\b|\b{_TOGETHER}\s+{_MEAL}\b"
    r"|\b(?:we\s+could|wir\s+könnten|on\s+pourrait|podríamos|podriamos|podíamos|podiamos"
    r"|potremmo)\s+(?:\w+\s+){0,3}?(?:meet|lunch|have\s+lunch|déjeuner|dîner|essen|treffen"
    r"|almoçar|almorzar|comer|cenar|pranzare|cenare|vederci|ver-nos|vernos|nos\s+ver)\b"
    r"|\b(?:i|we)\s+(?:live|am|'m|work|am\s+based|'m\s+based)\s+(?:very\s+)?(?:near|close\s+to"
    r"|nearby|in\s+your\s+(?:area|town|city)|local\s+to)\b"
    r"|\b(?:happy|glad|love|willing|could|can)\s+to\s+(?:meet|see)\s+(?:you|up)\b"
    r"|\b(?:let's|lets|we\s+(?:could|should|can))\s+(?:meet|get\s+coffee|grab|have\s+coffee"
    r"|be\s+friends|catch\s+up|hang\s+out)\b"
    r"|\b(?:let'?s|we\s+could)\s+(?:\w+\s+)?(?:chat|talk|speak|connect)\s+(?:privately|offline"
    r"|outside|in\s+private)\b"
    r"|\blass\s+uns\s+(?:mal\s+)?(?:privat|persönlich|unter\s+vier\s+augen)\b"
    r"|\b(?:parlons|discutons|parlons-en|on\s+en\s+parle)\s+en\s+(?:privé|prive|mp)\b"
    r"|\b(?:hablemos|hablamos|charlamos)\s+(?:\w+\s+)?en\s+privado\b"
    r"|\b(?:vamos\s+conversar|conversamos|falamos)\s+(?:\w+\s+)?(?:em\s+particular|no\s+privado)\b"
    r"|\b(?:add|friend|follow)\s+me\s+on\b|\badd\s+me\s+as\s+a\s+friend\b"
    r"|\b(?:can|could)\s+(?:totally\s+|still\s+)?be\s+friends\b"
    r"|\b(?:als\s+freunde|entre\s+amis|como\s+amig[oa]s|come\s+amici|da\s+amic[io])\b"
    r"|\bhang\s+out\b(?=[^.!?\n]{0,40}\b(?:you|me|we)\b)"
    r"|\bcome\s+(?:by|over|see\s+me|visit|and\s+say\s+hi|say\s+hi)\b"
    r"|\b(?:venez|viens)\s+me\s+(?:dire\s+bonjour|voir)\b|\bpassez\s+(?:au|à\s+mon|me\s+voir)\b"
    r"|\bsprich\s+mich\s+(?:doch\s+)?(?:einfach\s+)?an\b|\bkomm\s+(?:doch\s+)?(?:\w+\s+){0,3}vorbei\b"
    r"|\bvente\b|\bven\s+a\s+(?:verme|saludarme)\b|\bpásate\s+por\b"
    r"|\bvem\s+(?:me\s+)?(?:dizer\s+oi|ver)\b|\baparece\s+l[áa]\b|\bpassa\s+no\s+consult[óo]rio\b"
    r"|\bpassa\s+(?:in\s+studio|a\s+trovarmi|a\s+salutarmi)\b|\bvieni\s+a\s+(?:trovarmi|salutarmi)\b"
    # "when I'm in Austin next month", "Ich bin nächsten Monat in Zürich", "Il mese prossimo
    # sono a Roma" with an invitation to the reader
    rf"|\b(?:i'?m|i\s+am|i'll\s+be|ich\s+bin|je\s+suis|je\s+serai|paso\s+por|estaré|estare"
    rf"|vou\s+estar|estarei|sarò|saro|sono)\s+(?:\w+\s+){{0,3}}?(?:in|à|a|en|em|por|nach)\s+"
    rf"(?-i:[A-Z])[\w-]+[^.!?\n]{{0,80}}\b(?:you|du|dich|tu|te|vous|você|voce|ti|querés|quieres|hast"
    rf"|quiseres|quiser|ti\s+va)\b"
    rf"|{_LATER}[^.!?\n]{{0,20}}\b(?:sono|estoy|estou|bin|suis|i'?m)\s+(?:a|in|en|em|à)\s+[A-Z]"
    r"|\bif\s+you\s+(?:ever\s+)?(?:want|wanna|'d\s+like|would\s+like)\s+to\s+(?:grab|get|have"
    r"|meet)\b"
    r"|\bk[öo]nnen\s+wir\s+uns\s+(?:\w+\s+){0,4}?treffen\b"
    r"|\bon\s+(?:peut|pourrait)\s+(?:prendre|boire|se\s+voir|se\s+retrouver)\b"
    r"|\ba\s+gente\s+pode\s+(?:tomar|se\s+ver|se\s+encontrar|conversar\s+pessoalmente)\b"
    r"|\bpodemos\s+(?:tomar|quedar|vernos|nos\s+ver)\b|\bpossiamo\s+(?:prendere|vederci)\b"
    # "I'm in Portland too!", "Ich wohne auch in Leipzig!": the same town, said to a member
    r"|\b(?:i'?m|i\s+live|ich\s+wohne|ich\s+bin|je\s+suis|j'habite|eu\s+(?:também\s+)?moro"
    r"|moro|vivo|abito|sono|estoy)\s+(?:also\s+|auch\s+|aussi\s+|também\s+|anch'io\s+"
    r"|anche\s+io\s+|también\s+)?(?:in|à|a|em|en)\s+[A-Z][\w-]+\s*(?:too|also|auch|aussi"
    r"|também|anche|también)?\s*!"
    # es
    r"|\b(?:quedamos|quedemos|vernos|tomamos\s+(?:un|algo|unos)|un\s+café\s+juntos|nos\s+vemos"
    r"|nos\s+juntamos|conocernos)\b"
    r"|\b(?:vivo|estoy|trabajo)\s+(?:muy\s+)?(?:cerca|en\s+tu\s+(?:zona|ciudad|barrio))\b"
    r"|\b(?:agrégame|agregame|añádeme|añademe|sígueme|sigueme)\b"
    # fr
    r"|\b(?:se\s+voir|nous\s+rencontrer|on\s+(?:se\s+voit|pourrait\s+se\s+voir|boit\s+un))\b"
    r"|\bj'habite\s+(?:tout\s+)?(?:près|pres|à\s+côté)\b|\bajoute[sz]?[- ]moi\b"
    # de
    r"|\b(?:treffen\s+wir\s+uns|uns\s+(?:mal\s+)?treffen|uns\s+(?:persönlich\s+)?kennenlernen"
    r"|gehen\s+wir\s+(?:was|einen)\s+trinken)\b"
    r"|\bich\s+wohne\s+(?:ganz\s+)?(?:in\s+der\s+nähe|in\s+deiner\s+nähe|nicht\s+weit)\b"
    r"|\b(?:füg|adde)\s+mich\b"
    # pt
    r"|\b(?:tomamos\s+um\s+café|nos\s+encontrar|a\s+gente\s+(?:se\s+)?(?:encontra|vê|ve)"
    r"|marcar\s+um\s+(?:café|encontro)|nos\s+conhecer)\b"
    r"|\bmoro\s+(?:bem\s+)?(?:perto|na\s+sua\s+(?:região|cidade))\b|\bme\s+adiciona\b"
    # it
    r"|\b(?:prendiamo\s+un\s+caffè|ci\s+vediamo|incontrarci|un\s+caffè\s+insieme|conoscerci)\b"
    r"|\babito\s+(?:proprio\s+)?(?:vicino|nella\s+tua\s+zona)\b|\baggiungimi\b|\bseguimi\b",
    FLAGS,
)
REVIEWS = re.compile(
    r"\b(?:leave|write|give|post|drop)\s+(?:me|us)\s+(?:a\s+)?(?:\w+\s+)?(?:review|rating"
    r"|testimonial|recommendation|shout-?out)\b"
    r"|\b(?:review|rate|recommend)\s+(?:me|my\s+practice|my\s+services|us)\b"
    r"|\b(?:testimonials?|reviews?|ratings?)\s+(?:from|of)\s+(?:my|former|past)\s+(?:clients|patients)\b"
    r"|\b(?:a|your)\s+(?:\w+\s+)?(?:testimonial|review)\s+(?:would|helps|means)\b"
    r"|\b(?:google|yelp|trustpilot|psychology\s+today)\s+(?:review|rating)s?\b(?=.{0,60}\b(?:me|my|us|our)\b)"
    r"|\b(?:déjame|dejame|deja|déjanos|escríbeme|escribeme)\s+(?:una?\s+)?(?:reseña|resena|valoración"
    r"|valoracion|opinión|opinion|testimonio)\b"
    r"|\b(?:laissez|laisse|laissez-moi|laisse-moi)\s+(?:\w+\s+)?(?:un\s+)?(?:avis|témoignage|temoignage)\b"
    r"|\b(?:bewertung|rezension|empfehlung)\b(?=.{0,60}\b(?:mir|mich|meine|meiner|uns)\b)"
    r"|\b(?:deixe|deixa|deixem)\s+(?:\w+\s+)?(?:uma\s+)?(?:avaliação|avaliacao|depoimento|review)\b"
    r"|\b(?:lasciami|lasciate(?:mi)?|lascia)\s+(?:\w+\s+)?(?:una\s+)?(?:recensione|valutazione"
    r"|testimonianza)\b",
    FLAGS,
)
# "Jane Doe Counseling in Columbus", "Mindful Paths Therapy, Denver"
PRACTICE_NAME = re.compile(
    r"\b(?:[A-Z][\w'&-]+\s+){1,4}(?:Counseling|Counselling|Therapy|Psychotherapy|Psychology"
    r"|Wellness|Coaching|Clinic|Practice|Terapia|Psicología|Psicologia|Thérapie|Therapie"
    r"|Praxis|Studio|Consultório|Cabinet)(?:\s+(?:Center|Centre|Group|Services|LLC|PLLC))?"
    r"\s*(?:,|in|at|en|à|a|em|im|in\s+der)\s+(?:[A-Z][\w'-]+)",
)


_FIRST_PERSON_POSSESSIVE = (
    r"(?:my|mon|ma|mes|mein(?:e[mnrs]?)?|mi|mis|meu|minha|o\s+meu|a\s+minha|il\s+mio|la\s+mia)"
)
CONTACT_DISGUISED = re.compile(
    # "3 1 2 . 5 5 5 . 0 1 4 7": a number typed digit by digit
    r"(?<![\w.])(?:\d[\s.\-]{1,3}){8,}\d(?![\w])"
    # "t dot me slash calm", "t ponto me barra x"
    r"|\bt\s*(?:dot|punto|point|punkt|ponto|\.)\s*me\s*(?:slash|barra|/)\s*\w+"
    # "my number is", "mon numéro :", "meine Nummer:", "il mio numero:"
    rf"|\b{_FIRST_PERSON_POSSESSIVE}\s+(?:phone\s+|cell\s+|mobile\s+|work\s+|private\s+)?"
    r"(?:number|numéro|numero|nummer|número|handynummer|telefonnummer|teléfono|telefono|telefone"
    r"|cellulare|celular|whatsapp|handy)\s*(?:is\b|est\b|ist\b|es\b|é\b|è\b|:)"
    # "te paso mi teléfono", "je te passe mon numéro", "ti passo il mio numero"
    r"|\b(?:te\s+paso|te\s+doy|je\s+(?:te|vous)\s+(?:donne|passe|envoie)|ich\s+(?:gebe|schicke)"
    r"\s+(?:dir|ihnen)|te\s+passo|te\s+mando|ti\s+(?:do|passo|mando)|i'?ll\s+(?:send|give)\s+you)\s+"
    rf"{_FIRST_PERSON_POSSESSIVE}\s+(?:\w+\s+)?(?:number|numéro|numero|nummer|número|teléfono"
    r"|telefone|contacto|contato|contatto|mail|e-?mail|correo|adresse|whats\w*)\b"
    # "find me on Insta as @x", "auf Insta unter @x", "@x on tiktok"
    r"|\b(?:insta(?:gram)?|ig|tiktok|telegram|twitter|facebook|fb|linkedin|threads|snap(?:chat)?)"
    r"\b[^.!?\n@]{0,25}@[\w.]{2,30}"
    r"|(?<![\w@])@[\w.]{2,30}[^.!?\n]{0,20}\b(?:insta(?:gram)?|tiktok|telegram)\b"
    # "send me a PM", "schick mir 'ne PN", "envoie-moi un MP", "mándame un privado"
    r"|\b(?:send|shoot|drop)\s+me\s+(?:a|an)?\s*(?:pm|dm|message)\b"
    r"|\b(?:schick|sende|schreib)\s+mir\s+(?:'?ne|eine)?\s*(?:pn|dm|nachricht|privatnachricht)\b"
    r"|\b(?:envoie|envoyez|écris|écrivez)[- ]moi\s+(?:un\s+)?(?:mp|message|dm)\b"
    r"|\b(?:m[áa]ndame|env[íi]ame|me\s+mandas|escr[íi]beme)\s+(?:un\s+)?(?:mensaje|md|dm|privado)"
    r"|\b(?:me\s+manda|manda(?:-me)?|envia(?:-me)?)\s+(?:uma?\s+)?(?:mensagem|dm|direct|inbox)\b"
    r"|\b(?:mandami|scrivimi|inviami)\s+(?:un\s+)?(?:messaggio|dm|pm|privato)\b"
    r"|\b(?:demande|demandez)[- ]moi\b[^.!?\n]{0,30}\b(?:priv[ée]|mp|message)\b"
    r"|\bme\s+manda\s+(?:um|uma)\s+(?:oi|olá|ola|alô|alo|salve|mensagem)\b",
    FLAGS,
)
SOLICIT_MORE = re.compile(
    # openings, slots, places
    r"\b(?:i|we)\s+(?:have|'ve\s+got)\s+(?:a\s+couple\s+of|a\s+few|two|some)\s+(?:openings|slots"
    r"|spots|spaces)\b"
    r"|\b(?:j'ai|il\s+me\s+reste)\s+(?:encore\s+)?(?:quelques\s+|des\s+|deux\s+)?(?:créneaux"
    r"|places|disponibilités)\b"
    r"|\bich\s+(?:habe|hätte)\s+(?:noch\s+|gerade\s+|wieder\s+)?(?:\w+\s+)?(?:freie\s+)?"
    r"(?:termine|plätze|kapazität\w*)\b"
    r"|\b(?:tengo|me\s+quedan)\s+(?:\w+\s+)?(?:huecos|plazas|horas\s+libres)\b"
    r"|\b(?:estou\s+com|tenho)\s+(?:\w+\s+)?(?:horários|horarios|vagas)\s+(?:livres|disponíveis)?"
    r"|\bho\s+(?:ancora\s+)?(?:qualche|dei|due)\s+(?:post[oi]|orari)\b"
    # taking new clients (all languages)
    r"|\b(?:nehme|nehmen)\s+(?:[\w*]+\s+){0,4}neue\s+(?:klient\S*|patient\S*)"
    r"|\b(?:j'accepte|je\s+prends|je\s+reçois)\s+(?:de\s+)?nouveaux\s+(?:patients|clients)\b"
    r"|\b(?:estou\s+a\s+aceitar|estou\s+aceitando|aceito)\s+novos\s+(?:pacientes|clientes)\b"
    r"|\b(?:estoy\s+aceptando|acepto)\s+nuevos\s+(?:pacientes|clientes)\b"
    r"|\b(?:accetto|sto\s+accettando|prendo)\s+nuovi\s+(?:pazienti|clienti)\b"
    # "I'd love to have you as a client", "würde mich freuen, Sie zu begleiten"
    r"|\bhave\s+you\s+as\s+a\s+(?:client|patient)\b"
    r"|\b(?:plaisir|freuen|gusto|prazer|piacere|felice|adoraria|encantad[oa]|ravi[e]?)\b[^.!?\n]{0,40}"
    r"\b(?:accompagner|begleiten|acompañar\w*|acompanhar|accompagnar\w*|seguirti|seguirla"
    r"|te\s+acompanhar)\b"
    r"|\b(?:eu\s+)?adoraria\s+te\s+acompanhar\b|\bsarei\s+felice\s+di\s+seguirti\b"
    # online sessions in the first person
    r"|\b(?:ich\s+mache|je\s+consulte|je\s+reçois|atiendo|atendo|ricevo|i\s+(?:do|offer|see"
    r"\s+clients))\s+(?:auch\s+|aussi\s+|también\s+|também\s+|anche\s+|also\s+)?(?:online"
    r"|en\s+(?:visio|ligne)|per\s+video|por\s+videollamada|por\s+v[íi]deo|in\s+videochiamata"
    r"|via\s+video)"
    r"|\b(?:auch\s+)?per\s+video\b(?=[^.!?\n]{0,30}\b(?:klient|patient|termin))"
    r"|\b(?:também\s+)?por\s+videochamada\b"
    # prices and reduced rates
    r"|(?:[$€£]\s?\d+|\bR\$\s?\d+|\b\d+\s?(?:€|\$|£|euros?|dollars?|reais))\s*(?:a|per|pro"
    r"|la|por|al|each|the|a|ao|à)\s+(?:session|séance|seance|sitzung|abend|sesión|sesion|sessão"
    r"|sessao|seduta|hour|heure|stunde|hora|ora|encontro|incontro|evening|soirée)"
    r"|\b(?:reduced|discounted|special|lower)\s+rate\b|\bsozialtarif\b|\btarif\s+(?:adapté"
    r"|réduit|solidaire)\b|\btarifa\s+(?:social|reducida)\b|\b(?:tenho|temos|ofereço|faço)\s+(?:um\s+)?(?:preço|valor)\s+social\b"
    r"|\btariffa\s+(?:agevolata|ridotta|calmierata)\b"
    r"|\btarifas?\s+(?:según|segun|adaptadas?|reducidas?|sociales?)\b"
    # sign-ups
    r"|\b(?:sign\s+up|register|anmeldung|inscriptions?|inscripciones|inscrições|inscricoes"
    r"|iscrizioni)\s+(?:at|on|über|ueber|sur|en|em|su|via|here|unter)\b"
    # "link in my bio" in every language
    r"|\b(?:in\s+meiner|dans\s+ma|en\s+mi|na\s+minha|na|nella\s+mia|nella|in\s+my)\s+bio\b"
    # "type my name", "search my name + psychologist Montreal"
    r"|\b(?:tape[zr]?|tapant|cherche[zr]?|such(?:e|t)?|such\s+mal|google[tn]?|busca|buscad"
    r"|procur[ae]|pesquis[ae]|cerca(?:te)?(?:\s+su\s+google)?)\s+(?:mal\s+)?(?:nach\s+)?(?:mon"
    r"|meinem|mi|meu|o\s+meu|il\s+mio)\s+(?:nom|namen|nombre|nome)\b"
    # booking directories with the writer's name
    r"|\b(?:doctolib|jameda|doctoralia|miodottore|topdoctors)\b",
    FLAGS,
)
TESTIMONIAL_MORE = re.compile(
    r"\b(?:testimonial|review|referenz|témoignage|temoignage|testimonio|depoimento"
    r"|testimonianz[ae])s?\b[^.!?\n]{0,40}\b(?:my|meiner|mon|ma|mi|minha|meu|mio|mia|sul\s+mio)\s+"
    r"(?:\w+\s+)?(?:google|homepage|website|site|sito|listing|page|fiche|página|pagina|seite)"
    r"|\b(?:mir|mich|meine[rnm]?|uns)\b[^.!?\n]{0,40}\b(?:bewertung|rezension|empfehlung|referenz)\b"
    r"|\b(?:bewertung|rezension|empfehlung|referenz)\b[^.!?\n]{0,60}\b(?:mir|mich|meine[rnm]?|uns)\b"
    r"|\bempfehlt\s+mich\b|\brecommend\s+me\b|\brecomi[ée]ndame\b|\brecommandez[- ]moi\b"
    r"|\bme\s+recomendem\b|\braccomandatemi\b|\bconsigliatemi\b|\brecomendadme\b"
    r"|\brecomi[ée]ndenme\b"
    r"|\b(?:me\s+)?(?:dejarías|dejarias|dejas|dejes|dejen)\s+una\s+(?:reseña|resena|valoración)"
    r"|\b(?:un\s+(?:petit\s+)?avis|une\s+note)\b[^.!?\n]{0,30}\b(?:ma|mon)\s+(?:fiche|page|profil)"
    r"|\b(?:deixaria|deixa|deixe|deixem)\s+(?:uma\s+)?(?:avaliação|avaliacao|recomendação"
    r"|recomendacao|depoimento)\b"
    r"|\b(?:mi\s+)?(?:lasceresti|lasci|lasciate)\s+(?:una\s+)?(?:recensione|raccomandazione"
    r"|testimonianza)\b"
    r"|\b(?:raccogliendo|collecting|sammle|recopilando|recolhendo|je\s+collecte)\s+"
    r"(?:testimonianze|testimonials|referenzen|testimonios|depoimentos|témoignages)\b"
    r"|\b(?:dai|give\s+(?:me|us)|gib\s+mir|dale|donnez)\s+(?:\d|five|cinque|fünf|cinco|cinq)\s+"
    r"(?:stelle|stars|sterne|estrellas|estrelas|étoiles)\b"
    r"|\b(?:posso|puedo|darf\s+ich|puis-je|can\s+i|may\s+i)\s+(?:usare|usar|utiliser|use|deinen"
    r"|dein)\s+(?:\w+\s+){0,3}?(?:come|como|als|comme|as)\s+(?:testimonianza|testimonio"
    r"|depoimento|referenz|témoignage|a\s+testimonial)\b",
    FLAGS,
)

_YOU_OBJ = r"(?:you|te|ti|vous|dich|sie|ihnen|você|voce|la|lo)"
PRIVATE_CIRCLE = re.compile(
    # a private group, personal social media, friendship, home invitations
    r"\b(?:private|privat\w*|priv[ée]e?|privad[oa]|privat[oa]|fechad[oa]|chiuso|cerrado|secret)\b"
    r"[^.!?\n]{0,25}\b(?:group|gruppe|groupe|grupo|gruppo)\b"
    r"|\b(?:group|gruppe|-gruppe|groupe|grupo|gruppo)\b[^.!?\n]{0,25}\b(?:private|privat\w*|priv[ée]e?"
    r"|privad[oa]|privat[oa]|fechad[oa]|chiuso|cerrado)\b"
    r"|\b(?:i'll\s+add\s+you|te\s+agrego|te\s+añado|ti\s+aggiungo|ti\s+aggiunga|je\s+vous\s+ajoute"
    r"|je\s+t'ajoute|dich\s+hinzuf[üu]gen|te\s+adiciono|te\s+mando\s+o\s+convite|friend\s+request"
    r"|acceptez\s+mon\s+invitation|accept\s+my\s+(?:friend\s+)?(?:request|invitation))\b"
    r"|\bfollow\s+(?:me|my)\b|\bfolgst\s+du\s+mir\b|\bfolg\s+mir\b|\bmi\s+segui\b|\bme\s+sigue[sn]?\b"
    r"|\bme\s+segue\b|\bsuivez[- ]moi\b"
    r"|\b(?:personal|private|privat\w*|personnel|personale|pessoal)\s+(?:insta(?:gram)?|facebook|fb"
    r"|account|profil\w*|konto|compte)\b"
    r"|\b(?:as\s+a\s+friend|como\s+amig[oa]|come\s+amic[oa]|comme\s+une?\s+amie?|als\s+freund(?:in)?"
    r"|we'?d\s+be\s+friends|be\s+(?:your|that)\s+friend|diese\s+freundin|cette\s+amie|esserlo\s+io"
    r"|mais\s+como\s+amiga|irl)\b"
    r"|\baccountability[- ]?buddy\b|\bsoy\s+tu\s+madrina\b"
    r"|\b(?:at|to)\s+my\s+(?:place|house|home|farm)\b|\b(?:vien\w*|venez|venir|passe[rz]?|invit\w*|d[îi]ner|caf[ée]|boire|manger|visite|retrouv\w*|r[ée]uni\w*|voit)\b[^.!?\n]{0,30}\bchez\s+moi\b|\bbei\s+mir\s+zu\s+hause\b"
    r"|\bzu\s+mir\s+nach\s+hause\b|\bauf\s+meinen\s+hof\b|\ba\s+casa\s+mia\b|\ba\s+mi\s+casa\b"
    r"|\ba\s+merendar\s+a\s+casa\b|\bl[áa]\s+em\s+casa\b|\bna\s+minha\s+casa\b"
    r"|\b(?:te\s+recojo|te\s+busco|ti\s+accompagno\s+io|vou\s+contigo|ich\s+hole\s+dich"
    r"|i'll\s+pick\s+you\s+up|je\s+passe\s+te\s+prendre)\b"
    r"|\bbei\s+(?:ihnen|dir)\s+vorbei(?:kommen)?\b|\bplaydate\b|\bbora\s+(?:se\s+)?encontrar\b"
    r"|(?:^|[.!?]\s+)aparece\s*[!.]|\baparece\s+(?:a[íi]|l[áa]|por\s+aqui)\b|\bcome\s+along\b|\bc'è\s+posto\s+anche\s+per\s+te\b|\bvieni\s+con\s+noi\b"
    r"|\bpassa\s+na\s+minha\b|\bwe\s+should\s+(?:do|meet|grab|get)\b"
    r"|\bet\s+si\s+on\s+s'écrivait\b|\bcorrespondant(?:e|es|s)?\b",
    FLAGS,
)
REFERRAL_ASK = re.compile(
    r"\bsend\s+them\s+my\s+way\b|\bempfehlen\s+sie\s+(?:mich|uns)\b|\bdonnez[- ]lui\s+mon\s+nom\b"
    r"|\b(?:falle|fagli|dille)\s+il\s+mio\s+nome\b|\bme\s+recomendar[íi]as\b|\bvalorarme\b"
    r"|\b(?:vote|votes|voting)\s+for\s+me\b|\bjede\s+stimme\s+z[äa]hlt\b|\bvotez\s+pour\s+moi\b"
    r"|\bvot(?:a|ate)(?:mi|me)\b|\bvota\s+por\s+m[íi]\b|\bcada\s+voto\s+cuenta\b"
    r"|\b\d\s*(?:étoiles|stars|sterne|estrellas|estrelas|stelle)\s+(?:sur|on|auf|en|no|na|su)\b"
    r"|\b(?:cerco|cherche|looking\s+for|busco|procuro|sammle|suche|raccolgo|recueille)\b[^.!?\n]{0,30}"
    r"\b(?:testimonian\w*|t[ée]moignages?|depoimentos?|testimonios?|testimonials?|erfahrungsberichte)\b"
    r"|\bsur\s+ma\s+fiche\b|\bmy\s+(?:google\s+)?(?:listing|business\s+page)\b"
    r"|\bshare\s+here\s+how\s+(?:that|it)\s+went\b|\bcomo\s+te\s+ajudei\b|\bdass\s+ihnen\s+meine\b"
    r"|\bfoi\s+com\s+a\s+psic[óo]loga\b|\btoda\s+indica[çc][ãa]o\s+ajuda\b"
    r"|\b(?:word\s+of\s+mouth|mundpropaganda|bouche[- ][àa][- ]oreille|boca\s+a\s+boca"
    r"|passaparola)\b",
    FLAGS,
)
PROMOTION = re.compile(
    rf"\b{_FIRST_PERSON_POSSESSIVE}\s+(?:\w+\s+){{0,2}}?(?:masterclass|webinar|program(?:me)?|course"
    r"|curso|cours|kurs|corso|app|podcast|e-?book|newsletter|workshop|retreat|atelier|taller"
    r"|oficina|formation|formaci[óo]n|formazione|programa|self-paced|m[óo]dulo)\b"
    r"|\b(?:tenho|tengo|j'ai|ich\s+habe|ho|i\s+(?:have|run|teach))\s+(?:un|una|um|uma|ein\w*|a|an)?"
    r"\s*(?:\w+\s+){0,2}?(?:curso|cours|kurs|corso|course|programa|program|podcast|app|e-?book"
    r"|masterclass|webinar|workshop)\b"
    r"|\bho\s+scritto\s+un\s+e-?book\b|\bmy\s+free\s+(?:masterclass|webinar|guide|e-?book)\b"
    r"|\b(?:cupom|cup[óo]n|c[óo]digo|code|codice|gutschein\w*)\b[^.!?\n]{0,20}\b(?-i:[A-Z]{2,}[0-9]{1,4})\b"
    r"|\b(?-i:[A-Z]{3,}\d{1,3})\b[^.!?\n]{0,30}\b(?:off|desconto|descuento|rabatt|sconto|r[ée]duction)\b"
    r"|\b(?:ich\s+verschenke|je\s+donne|regalo|i'?m\s+giving\s+away)\b[^.!?\n]{0,30}\b(?:gutschein\w*"
    r"|vouchers?|bons?|buoni|cupones?|sessions?|séances?|sitzungen)\b"
    r"|\bin-network\s+now\b|\bwe'?re\s+in-network\b|\bfront\s+desk\b"
    r"|\b(?:my|meine?|la\s+mia|mi|ma|minha)\s+(?:\w+\s+)?(?:assistant|assistentin|praxisassistentin"
    r"|secretary|secretaria|segretaria|secr[ée]taire|receptionist|recepcionista)\b"
    r"|\b(?:pregunta|preguntad|pergunte|demandez|chiedete|fragen\s+sie|ask)\s+(?:por|pour|di|nach"
    r"|for)\s+(?:m[íi]|moi|me|mim|mir)\b|\bdemandez[- ]moi\s+[àa]\s+l'accueil\b"
    r"|\b(?:tengo|tenemos)\s+(?:el|la|mi)\s+(?:centro|consulta|gabinete)\s+en\b"
    r"|\bapro\s+(?:un\s+)?(?:\w+\s+)?studio\b|\bj'ouvre\s+(?:un\s+)?(?:\w+\s+)?cabinet\b"
    r"|(?-i:\b(?:Centro\s+Psicol[óo]gico|Cabinet|Studio\s+Associato|Cl[íi]nica|Praxis|Centre"
    r"|Consultorio|Gabinete|Espa[çc]o)\s+(?:[A-Z][\w'&-]*\s*){1,4}(?:,|\(|\s+(?:de|à|a|in|no|em"
    r"|en|im)\s)\s*[A-Z])"
    r"|(?-i:\b(?:[A-Z][\w'&-]+\s+){1,4}(?:Counseling|Counselling|Therapy|Psychotherapy|Psychology)"
    r"\s*\()",
    FLAGS,
)
CONTACT_MORE = re.compile(
    r"\b[\w.-]+\s*@\s+[\w-]+\s*\.\s*(?:com|net|org|io|co|de|fr|es|it|pt|br|uk|ch|at|be|nl|ca)\b"
    r"|\b[\w.-]+\s+@\s*[\w-]+\s*\.\s*(?:com|net|org|io|co|de|fr|es|it|pt|br|uk|ch|at|be|nl|ca)\b"
    r"|\b[a-z0-9-]{4,}\s+\.\s+(?:com|net|org|io|de|fr|es|it|pt|br)\b"
    r"|(?<![\w.])(?:\d[\s.\-/·]{1,3}){8,}\d(?![\w])"
    r"|\b(?:tel|t[ée]l|phone|fon|telefono|tel[ée]fono|telefone)\.?\s*:?\s*\(?\+?\d[\d\s.\-/·()]{6,}"
    r"|\b(?:d[ée]jame|p[áa]same|me\s+passa|dame|donnez[- ]moi|donne[- ]moi|gib\s+mir"
    r"|geben\s+sie\s+mir|dammi|give\s+me|leave\s+(?:me\s+)?)\s+(?:tu|seu|sua|votre|ton|ta|deine|ihre|il\s+tuo|la\s+tua"
    r"|your)\s+(?:\w+\s+)?(?:correo|email|e-mail|mail|n[úu]mero|numero|nummer|adresse|direcci[óo]n"
    r"|endere[çc]o|indirizzo|number|address|whats\w*|telefone|tel[ée]fono)\b"
    r"|\b(?:signal|telegram|whats\s?app|discord|threema)\b[^.!?\n]{0,40}\b(?:unter|m[êe]me\s+pseudo"
    r"|same\s+(?:user)?name|mesmo\s+nome|mismo\s+nombre|stesso\s+nome|finden\s+sie\s+mich"
    r"|find\s+me|me\s+encuentras|me\s+encontras|mi\s+trovi|underline)\b"
    r"|\b(?:cherchez|search|busca|cerca|suchen\s+sie)\b[^.!?\n]{0,40}\b(?:sur|on|en|su|auf)\s+"
    r"(?:whats\s?app|signal|telegram)\b"
    r"|\bchamo\s+no\s+zap\b|\bte\s+chamo\s+no\b",
    FLAGS,
)

ASK_FOR_CONTACT = re.compile(
    # asking the member for their number, email or handle
    r"\b(?:send|leave|give|drop|dm|pm|text)\s+(?:me\s+)?(?:your|ur)\s+(?:\w+\s+){0,2}?(?:number"
    r"|email|e-mail|address|phone|mobile|cell|insta\w*|handle|whats\w*)\b"
    r"|\b(?:d[ée]ja(?:me|r)?|dejar|m[áa]nde(?:me)?|m[áa]ndame|env[íi]ame|p[áa]same|pasame)\s+"
    r"(?:\w+\s+)?(?:tu|su)\s+(?:n[úu]mero|correo|tel[ée]fono|mail|whats\w*|direcci[óo]n)\b"
    r"|\b(?:envoyer|envoyez|envoie|laisser|laissez|laisse|donner|donnez|donne)(?:[- ]moi)?\s+"
    r"(?:\w+\s+)?(?:votre|ton|ta)\s+(?:num[ée]ro|mail|courriel|adresse|portable)\b"
    r"|\b(?:schick\w*|geben|gib|schreib\w*|sende\w*)\s+(?:sie\s+)?(?:mir\s+)?(?:\w+\s+)?(?:ihre[nr]?"
    r"|deine[nr]?|die)\s+(?:\w+\s+)?(?:nummer|handynummer|telefonnummer|mail|adresse"
    r"|instagram\w*|namen)\b"
    r"|\b(?:lasci\w*|mand\w*|dammi|mi\s+dia|mi\s+lascia)\s+(?:\w+\s+)?(?:il\s+suo|il\s+tuo|la\s+sua"
    r"|la\s+tua|suo|tuo)\s+(?:numero|mail|email|indirizzo|contatto|cellulare)\b"
    r"|\b(?:passar|deixe?|deixa|manda|me\s+passa|me\s+manda|envie)\s+(?:\w+\s+)?(?:seu|o\s+seu"
    r"|teu|o\s+teu|sua)\s+(?:n[úu]mero|telefone|email|e-mail|contato|contacto|whats\w*)\b"
    r"|\b(?:at|arroba|chez|bei)\s+(?:gmail|hotmail|outlook|yahoo|gmx|icloud|proton\w*)\b",
    FLAGS,
)
ASK_FOR_VOTES = re.compile(
    r"\b(?:up)?vot\w*\b[^.!?\n]{0,25}\b(?:for\s+)?(?:my|ma|mi|meine|la\s+mia|na\s+minha|pour\s+ma"
    r"|f[üu]r\s+meine|minha)\s+(?:answer|r[ée]ponse|respuesta|antwort|risposta|resposta)\b"
    r"|\bstimm\w*\s+(?:sie\s+)?f[üu]r\s+meine\b"
    r"|\b(?:follow|folgt|folgen\s+sie|s[íi]ga(?:n)?nos|sigue\s+(?:a\s+)?nuestr\w*|seguite|segue"
    r"|suivez|suivre)\b[^.!?\n]{0,40}\b(?:our|unserer?|nuestr\w*|la\s+pagina|a\s+p[áa]gina"
    r"|la\s+page|notre|del\s+centro|da\s+cl[íi]nica|du\s+cabinet)\b"
    r"|\b(?:like|likes|curte|mettete\s+like|compartan|partager|partagez|teilt|teilen|share)\b"
    r"[^.!?\n]{0,40}\b(?:posts?|publica\w*|beitr[äa]ge|page|pagina|p[áa]gina|publications)\b"
    r"|\b(?:for\s+every|for\s+each|por\s+cada|pour\s+chaque|f[üu]r\s+jede[nr]?|per\s+ogni"
    r"|para\s+cada)\s+(?:\w+\s+){0,3}?(?:referral|person|persona|personne|empfehlung|amic[oa]"
    r"|pessoa|indica[çc][ãa]o)\b"
    r"|\b(?:(?:pass|give)\s+them\s+my\s+name|p[áa]sales\s+mi\s+nombre|parle[zr]?-leur\s+de\s+moi"
    r"|empfiehl\s+mich|diga\s+que\s+vem\s+da\s+minha\s+parte|dile\s+que\s+vas\s+de\s+mi\s+parte"
    r"|di'?\s+che\s+vieni\s+da\s+parte\s+mia|say\s+i\s+sent\s+you|dites\s+que\s+vous\s+venez\s+de"
    r"\s+ma\s+part|aus\s+dem\s+forum\s+kommen|que\s+vienes\s+del\s+foro|que\s+vem\s+do\s+f[óo]rum)\b",
    FLAGS,
)
COMPANY = re.compile(
    r"\b(?:te\s+acompa[ñn]o|le\s+acompa[ñn]o|la\s+acompa[ñn]o|je\s+peux\s+(?:vous|t')\s*accompagner"
    r"|begleite\s+ich\s+(?:dich|sie)|(?:la|ti|lo)\s+accompagno|posso\s+ir\s+(?:consigo|contigo)"
    r"|vou\s+contigo|i(?:'ll|\s+can|\s+could)\s+(?:come|go)\s+with\s+you)\b"
    r"|\bmentor\w*\b[^.!?\n]{0,40}\b(?:privately|privat|pessoalmente|personalmente|fuera|outside"
    r"|ausserhalb|au[ßs]erhalb|fora|hors)\b"
    r"|\b(?:privately|privat|pessoalmente)\b[^.!?\n]{0,30}\bmentor\w*"
    r"|\b(?:rendre\s+visite|(?:vien\w*|venez|venir|passe[rz]?|invit\w*|d[îi]ner|caf[ée]|boire"
    r"|manger|visite)\b[^.!?\n]{0,30}\bà\s+la\s+maison|por\s+casa|l[áa]\s+por\s+casa|bei\s+mir\s+im\s+garten"
    r"|a\s+casa\s+mia|en\s+mi\s+casa)\b"
    r"|\bkomm\s+(?:doch\s+)?(?:\w+\s+){0,7}vorbei\b"
    r"|\blet\s+me\s+know\s+and\s+we(?:'ll|\s+will|\s+can)\b|\bif\s+you'?re\s+ever\s+(?:down|in|near"
    r"|around|up)\b"
    r"|\bon\s+se\s+prend\s+un\s+caf[ée]\b|\bwollen\s+wir\s+uns\s+(?:\w+\s+){0,4}treffen\b"
    r"|\bvamos\s+a\s+(?:comer|tomar)\s+algo\b"
    r"|\b(?:diventare|become|ficar|hacernos|devenir|werden)\s+(?:amici|friends|amigos|amis"
    r"|freunde)\b"
    r"|\b(?:discord|telegram|whats\s?app|slack|signal)\s+(?:server|group|groupe|grupo|gruppo|gruppe"
    r"|chat|canal|channel)\b[^.!?\n]{0,60}\b(?:invite|invitation|convite|invito|einladung|add|join)"
    r"|\b(?:send|mandar|mando|env[íi]o|envoie|schick\w*)\s+(?:you\s+|te\s+|dir\s+)?(?:an\s+|un\s+|eine\s+)?"
    r"(?:invite|invitation|convite|invito|einladung|invitaci[óo]n)\b",
    FLAGS,
)
PRACTICE_PITCH = re.compile(
    r"\b(?:termine|s[ée]ances|sessions?|appointments?|appuntamenti|sess[õo]es|citas|consultas"
    r"|rendez-vous)\s+(?:\w+\s+){0,3}?(?:k[öo]nnen|peuvent|can|si\s+possono|podem|pueden)\s+"
    r"(?:\w+\s+){0,4}?(?:gebucht|r[ée]serv[ée]e?s|booked|scheduled|fissare|prenotare|agendadas"
    r"|reservar|reservadas|marcadas|pris)\b"
    r"|\b(?:we'?re|we\s+are|nous\s+sommes|wir\s+haben|estamos|siamo)\s+(?:\w+\s+){0,3}?(?:open"
    r"|ouverts?|ge[öo]ffnet|abiertos|abertos|aperti)\b"
    r"|\b(?:my|mon|ma|meine?r?|la\s+mia|il\s+mio|a\s+minha|o\s+meu|mi)\s+(?:\w+\s+)?(?:colleague"
    r"|coll[èe]gue|kolleg\w*|collega|colega)\b[^.!?\n]{0,40}\b(?:practice|praxis|cabinet|centre"
    r"|centro|studio|consult[óo]rio|consultorio|clinic|clinique|klinik|cl[íi]nica)\b"
    r"|\b(?:collega|colega|colleague)\s+(?:de|di)\s+(?:studio|consult[óo]rio|consultorio|cabinet)\b"
    r"|\b(?:quedan|restan|gibt\s+(?:es\s+)?noch|il\s+reste|ci\s+sono\s+ancora|ainda\s+h[áa]"
    r"|still\s+have|only)\s+(?:\w+\s+){0,2}?(?:plazas|cupos|pl[äa]tze|places|posti|vagas|spots"
    r"|seats|spaces)\b"
    r"|\b(?:leite|organizo|organise|organizza|organizzo|lidero|estou\s+a\s+organizar|i\s+(?:lead"
    r"|run|host|organi[sz]e))\s+(?:\w+\s+){0,3}?(?:retreat|retiro|ritiro|workshop|taller|atelier"
    r"|seminar\w*|gruppe|group|grupo|gruppo|course|kurs|curso|corso)\b"
    r"|\b(?:nuestro|nosso|notre|unser|our|nostro)\s+retir\w*|\bretreat\b[^.!?\n]{0,40}\b(?:pl[äa]tze"
    r"|places|plazas|spots)\b"
    r"|\b(?:ich\s+hab\w*|j'ai|escrevi|escrib[íi]|ho\s+scritto|sto\s+lanciando|i(?:'ve|\s+have)?\s+"
    r"(?:written|created|launched|wrote|made)|lanc[ée]i?)\s+(?:\w+\s+){0,3}?(?:kurs\w*|onlinekurs"
    r"|formation|e-?book|libro|livre|buch|livro|corso|curso|course|book|programm?e?|app)\b"
    r"|\b\d+\s?%\s*(?:off|de\s+desconto|de\s+descuento|di\s+sconto|rabatt|de\s+r[ée]duction)\b"
    r"|\b(?:sconto|desconto|descuento|rabatt|r[ée]duction|rabais|discount)\s+(?:\w+\s+){0,2}?\d+\s?%"
    r"|\b\d+\s+statt\s+\d+\b|\bdesconto\s+especial\b|\b\d+\s?\$\s+de\s+rabais\b"
    r"|\bwould\s+you\s+like\s+me\s+to\s+(?:do|run|give|offer|see|assess)\b"
    r"|\b(?:soll\s+ich\s+(?:dir|ihnen)|tu\s+veux\s+que\s+je|voulez-vous\s+que\s+je|quer\s+que\s+eu"
    r"|quieres\s+que\s+te|vuoi\s+che\s+ti|want\s+me\s+to\s+send)\b[^.!?\n]{0,30}\b(?:link|lien"
    r"|enlace)\b"
    r"|\b(?:consulta|sess[ãa]o)\s+(?:\w+\s+){0,3}?(?:gratuita|gr[áa]tis)\b|\bpor\s+nossa\s+conta\b"
    r"|\b(?:venez|venham|vengan|kommen\s+sie)\s+(?:nous\s+)?(?:voir|conhecer|conocer|vorbei)\b",
    FLAGS,
)

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (POINTER, BARE_SITE),
    (POINTER, LOOK_ME_UP),
    (SOFT, FREE_CONSULT),
    (SOFT, MULTILINGUAL_OFFER),
    (SOFT, PRACTICE_NAME),
    (SOFT, CONTACT_DISGUISED),
    (SOFT, SOLICIT_MORE),
    (PROMOTION_KIND, PROMOTION),
    (SOFT, CONTACT_MORE),
    (MEET, MEET_UP),
    (MEET, PRIVATE_CIRCLE),
    (MEET, COMPANY),
    (PROMOTION_KIND, PRACTICE_PITCH),
    (SOFT, ASK_FOR_CONTACT),
    (TESTIMONIAL, ASK_FOR_VOTES),
    (TESTIMONIAL, REFERRAL_ASK),
    (TESTIMONIAL, REVIEWS),
    (TESTIMONIAL, TESTIMONIAL_MORE),
)


# "Many therapists offer a free consultation", "ask them about a free call": general
# advice about therapists, not this writer's offer.
GENERAL_SUBJECT = re.compile(
    r"\b(?:many|most|some|lots\s+of|often|usually|typically|therapists|counsell?ors|they|them"
    r"|ask\s+(?:for|about|if|whether)|muchos|muchas|la\s+mayoría|suelen|beaucoup|la\s+plupart"
    r"|souvent|viele|meist|oft|häufig|muitos|muitas|geralmente|costumam|molti|spesso|di\s+solito"
    r"|terapeutas|psicólogos|thérapeutes|therapeuten|terapeuti|psicologi|clinics|services|centers"
    r"|centres|cl[íi]nicas|cliniques|kliniken|ambulanzen|consultori|servi\w+|universit\w+)\b",
    re.IGNORECASE,
)


PRIVATE = "private"  # the same kind as boundaries.PRIVATE: "write me", "DM", "en privé"
RATES = "rates"  # prices, reduced rates, online sessions, "I'd love to accompany you"
_PRIVATE_WORDS = re.compile(
    r"\b(?:pm|dm|mp|pn|md|pv|privat\w*|priv[ée]|privado|privato|particular|inbox|direct"
    r"|message|mensaje|mensagem|messaggio|nachricht|write|[ée]cri\w*|schreib\w*|escr[íi]b\w*"
    r"|scrivi\w*|call|appel\w*|ruf\w*|ll[áa]m\w*|chiam\w*|contact\w*|kontakt\w*|m[áa]nd\w*"
    r"|env[íi]\w*|envoie\w*|sende|schick|manda\w*|liga\w*|chama|whats\w*|zap|telegram)\b",
    re.IGNORECASE,
)
_RATE_WORDS = re.compile(
    r"[$€£]|\bR\$|\b(?:rate|tarif\w*|tariff\w*|tarifa|pre[çc]o|valor|euro\w*|dollar\w*|reais"
    r"|online|visio|video\w*|v[íi]deo\w*|videochamada|videollamada|accompagn\w*|begleit\w*"
    r"|acompa\w*|seguirti|seguirla|have\s+you\s+as)\b",
    re.IGNORECASE,
)


def _kind(kind: str, found: str) -> str:
    """A SOFT finding that is really an invitation to private contact, or talk of rates
    and online sessions, only binds professionals (see boundaries.EVERYONE_KINDS)."""
    if kind != SOFT:
        return kind
    if re.search(r"\bbio\b", found, re.IGNORECASE):
        return POINTER
    if _PRIVATE_WORDS.search(found) and not re.search(r"\d", found):
        return PRIVATE
    if _RATE_WORDS.search(found):
        return RATES
    return kind


def soft_findings(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text as found) for each quiet solicitation in a (normalised) text."""
    yield from _spelled_numbers(text)
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            found = match.group(0).strip(" .,;:!?()\n")
            if not found:
                continue
            if pattern is FREE_CONSULT or _kind(kind, found) == RATES:
                clause = re.split(r"[.!?;\n]", text[max(0, match.start() - 80) : match.start()])[-1]
                if GENERAL_SUBJECT.search(clause):
                    continue
            yield _kind(kind, found), found


# What is NOT the writer's offer ------------------------------------------------------
# A finding is the writer's own offer only when the writer makes it: these exceptions let
# through the same words when they are negated or refused, said of someone else (a third
# party, the rules themselves, a member's own therapist), someone else's contact (a helpline,
# a public service) or a meeting with people from the writer's or member's own life.

# Negation and refusal, in the clause before a finding: "I don't give out my number",
# "je n'accepte aucune demande", "ich nehme keine …", "no doy mi número", "não atendo …",
# "non accetto …". "Don't hesitate" and its translations are not a refusal.
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|cannot|unable|nothing|nobody|no\s+one|none)\b|n't\b"
    r"|\b(?:ne\s+|n')(?:\w+\s+){0,3}?(?:pas|jamais|plus|rien|aucune?)\b|\b(?:jamais|aucune?)\b"
    r"|\b(?:nicht|nie|niemals|kein\w*|nichts)\b"
    r"|\bno\s+(?:te|le|les|lo|la|me|se|nos|os|doy|puedo|acepto|atiendo|ofrezco|hago|tomo|voy"
    r"|quedo|paso|comparto|es|suelo|debo|deber[íi]a)\b|\b(?:nunca|jam[áa]s|nada|nadie)\b"
    r"|\b(?:não|nao|nem|nenhum\w*|ningu[ée]m)\b"
    r"|\b(?:non|nessun\w*|niente)\b",
    re.IGNORECASE,
)
NOT_A_NEGATION = re.compile(
    r"\b(?:don't|do\s+not)\s+hesitate\b|\bn'h[ée]sit\w*(?:\s+pas)?\b|\bno\s+dud\w*\b"
    r"|\bn[ãa]o\s+hesit\w*\b|\bnon\s+esit\w*\b|\bz[öo]ger\w*\s+(?:sie\s+)?nicht\b"
    r"|\bnot\s+(?:only|just)\b|\bnon\s+solo\b|\bnicht\s+nur\b|\bno\s+solo\b|\bn[ãa]o\s+s[óo]\b",
    re.IGNORECASE,
)
# Verb-final refusals after the finding, in its clause: "Freundschaftsanfragen nehme ich
# grundsätzlich nicht an", "ma page pro, je ne réponds pas".
NEGATION_AFTER = re.compile(
    r"^[^.!?;\n]{0,50}?\b(?:nehme|nehmen|mache|machen|gebe|geben|biete|bieten|teile|teilen)"
    r"\s+(?:ich|wir)\s+(?:\w+\s+){0,2}?(?:nicht|nie|niemals|keine?)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i'd|i'll|i've|me|my|mine|we|we're|we'd|us|our|je|j'|moi|mon|ma|mes|nous|notre"
    r"|nos|ich|mich|mir|mein\w*|wir|uns|unser\w*|yo|mi|mis|conmigo|nosotros|nuestr\w*|eu|mim"
    r"|meu|minha|meus|minhas|comigo|n[óo]s|noss[oa]s?|io|mio|mia|miei|mie|noi|nostr\w*)\b"
    r"|\bj'",
    re.IGNORECASE,
)
# The writer as object or owner ("with me", "my place", "chez moi"): never a meeting of others.
_ME = re.compile(
    r"\b(?:me|my|mine|moi|mon|ma|mes|mich|mir|mein\w*|m[íi]|mim|comigo|conmigo|meu|minha|mio|mia)\b",
    re.IGNORECASE,
)
_SUBJECT_I = re.compile(
    r"\b(?:i|i'm|i'd|i'll|i've|we|we're|we'd|je|j'|nous|ich|wir|yo|nosotros|eu|n[óo]s|io|noi)\b"
    r"|\bj'",
    re.IGNORECASE,
)
_PROFESSIONAL = (
    r"(?:therapists?|counsell?ors?|psychologists?|psychiatrists?|psys?|psychologues?"
    r"|th[ée]rapeutes?|therapeut\w*|psycholog\w+|terapeutas?|terapeuti|psic[óo]log\w+"
    r"|psicoterapeut\w+|psychotherapeut\w*|doctors?|m[ée]decins?|[äa]rzt\w*|m[ée]dic[oa]s?"
    r"|social\s+workers?|clinicians?|colleagues?|coll[èe]gues?|kolleg\w+|colleghi|colleg[ah]e"
    r"|colegas?|professionals?|professionnels?|profissionais|professionisti|profesionales"
    r"|fachleute|clients?|patients?|patient\w+|pacientes?|pazient[ei]|klient\w*|clientes?|client[ei])"
)
# Someone else is the subject: a member's or reader's own therapist, professionals in
# general, a code, a service, what therapy costs.
THIRD_PARTY = re.compile(
    rf"\b(?:your|his|her|their|my|a|an|the|this|that|ton|ta|votre|vos|sa|son|ses|leur|leurs|mon"
    rf"|ma|un|une|les|des|dein\w*|ihr\w*|sein\w*|mein\w*|ein\w*|die|der|den|tu|su|sus|mi|un|una"
    rf"|los|las|el|la|seu|sua|teu|tua|meu|minha|um|uma|os|as|o|il|lo|gli|le|i|uno|tuo|suo|mio)"
    rf"\s+(?:\w+\s+)?{_PROFESSIONAL}\b"
    rf"|\b{_PROFESSIONAL}\s+(?:who|which|that|qui|que|der|die|welche\w*|che|asking|sending"
    r"|offering)\b"
    r"|\b(?:codes?|c[óo]digos?|codice|kodex|richtlinien|ethics|[ée]thique|ethik|[ée]tica"
    r"|services?|servicios?|servi[çc]os?|servizi|dienste?n?|beratungsstellen?"
    r"|helplines?|hotlines?|lifeline|samaritans|seelsorge|krisen\w*|crisis|crise"
    r"|info\s+service|ayuntamientos?|comuni|communes?|gemeinden?|universit\w+|asociaci[óo]n"
    r"|associations?|associa[çc][ãa]o|associazion\w+|centros?\s+de\s+salud|mutuelle|kasse"
    r"|r[ée]seaux|networks|redes|reti|profils|profiles|perfiles|perfis|profili)\b"
    # someone from the reader's or another's life: "your coworker suggesting …"
    r"|\b(?:your|his|her|their|ton|ta|tes|votre|vos|dein\w*|ihr\w*|tu|tus|su|sus|teu|tua|seu|sua"
    r"|tuo|tua|suo|sua)\s+(?:\w+\s+)?(?:coworkers?|colleagues?|teenagers?|teens?|boss|friends?"
    r"|partner|wife|husband|girlfriend|boyfriend|mother|father|mum|mom|dad|sister|brother|son"
    r"|daughter|kids?|child|children|ado|fille|fils|m[èe]re|p[èe]re|sohn|tochter|kind|mutter"
    r"|vater|hij[oa]|madre|padre|pareja|filh[oa]|m[ãa]e|pai|figli[oa]|amic[oa]|amig[oa])\b"
    # what therapy costs: "couples therapy is $180 a session", "a terapia sai R$ 200"
    r"|\b(?:the|la|le|a|die|el|il|l')\s*(?:\w+\s+)?(?:therapy|th[ée]rapie|therapie|terapia)\b"
    r"|(?:\btherapy|\bth[ée]rapie|therapie|\bterapia)\s+(?:\w+\s+){0,3}?(?:costs?|is|kostet|co[ûu]te"
    r"|costa|cuesta|custa|sai)\b",
    re.IGNORECASE,
)
# Someone else's contact details: a helpline or public service named before the number.
SERVICE = re.compile(
    r"\b(?:helplines?|hotlines?|lifeline|line|l[íi]nea|linha|linea|ligne|samaritans|seelsorge"
    r"|telefonseelsorge|krisen\w*|crisis|crise|info\s+service|service|servicio|servi[çc]o"
    r"|servizio|zentrum|centre|center|centro|beyond\s+blue|responde)\b",
    re.IGNORECASE,
)
# People from the writer's or the member's own life: meeting them is no dual relationship.
OWN_LIFE = re.compile(
    r"\b(?:friends?|best\s+friend|family|mum|mom|dad|mother|father|sister|brother|cousins?"
    r"|wife|husband|partner|girlfriend|boyfriend|kids|children|son|daughter|grandma|people\s+my"
    r"|amig[oa]s?|amigas|primas?|primos?|madre|padre|hermana?o?s?|mam[áa]|pap[áa]|hij[oa]s?"
    r"|novi[oa]|pareja|amis?|amies?|copines?|copains?|m[èe]re|p[èe]re|s[œo]eur|fr[èe]re|enfants"
    r"|famille|ex-mari|mari|femme|choristes|freund\w*|familie|mutter|vater|schwester|bruder"
    r"|kinder|m[ãa]e|pai|irm[ãa]o?s?|fam[íi]lia|cunhad[oa]|sogra|sogro|marido|namorad[oa]"
    r"|filh[oa]s?|amic[ihoa]e?|amiche|famiglia|sorella|fratello|ragazz[oa]|figli[oa]?"
    r"|moglie|cugin[ei])\b",
    re.IGNORECASE,
)
# With them, or they and the writer: "con due amiche", "my girlfriend and I", "entre choristes".
OWN_COMPANY = re.compile(
    rf"\b(?:with|con|avec|mit|com|entre|among|tra|fra)\s+(?:\w+\s+){{0,2}}?(?:{OWN_LIFE.pattern})"
    rf"|(?:{OWN_LIFE.pattern})\s+(?:and|y|e|et|und)\s+(?:i|me|yo|eu|io|moi|ich)\b"
    r"|\b(?:with|con|avec|mit|com)\s+(?:some|a\s+few|alcuni|algunos|quelques-uns)\s+(?:of\s+|di\s+"
    r"|de\s+)?(?:them|loro|ellos|eux|ihnen|eles)\b",
    re.IGNORECASE,
)
_YOU = re.compile(
    r"\b(?:you|your|tu|te|ti|toi|vous|dich|dir|euch|ihnen|voc[êe]|contigo|con\s+te|teco)\b",
    re.IGNORECASE,
)
_CONTACT_KIND = "contact"


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause before a finding (since a sentence or clause mark, at most 100 characters)
    and the whole sentence the finding is in."""
    before = text[max(0, start - 100) : start]
    clause = re.split(r"[.!?;:\n\u2013\u2014]|,\s", before)[-1]
    head = re.split(r"[.!?\n]", text[max(0, start - 200) : start])[-1]
    tail = re.split(r"[.!?\n]", text[end : end + 200])[0]
    return clause, f"{head}{text[start:end]}{tail}"


# "In meiner Praxis erlebe ich oft …", "Nel mio studio vedo spesso …", "Dans mon cabinet, je
# vois …": the idiom for experience, not an invitation to the place.
_PLACE = re.compile(
    r"\b(?:praxis|studio|cabinet|consult[óo]rio|consulta|gabinete|practice|office|clinic|klinik"
    r"|clinique|cl[íi]nica)\b",
    re.IGNORECASE,
)
EXPERIENCE_AFTER = re.compile(
    r"^\W{0,3}(?:(?:ich|je|j'|io|yo|eu|i|we|wir|nous)\s+)?(?:\w+\s+)?(?:sehe|erlebe|kenne|h[öo]re"
    r"|begegne|erfahre|vedo|incontro|sento|noto|vois|entends|rencontre|constate|observe|veo|escucho"
    r"|encuentro|vejo|ou[çc]o|oi[çc]o|noto|see|hear|notice|observe|encounter)\b"
    r"|^\W{0,3}(?:\w+\s+)?(?:ich|je|j'|io|yo|eu|i|we|wir|nous)\s+(?:\w+\s+)?(?:sehe|erlebe|kenne"
    r"|h[öo]re|vois|entends|see|hear)\b",
    re.IGNORECASE,
)
# Talk of meeting people from one's own life: "mia ragazza … ci vediamo pochissimo", "mon ex …
# on se voit aux anniversaires"; not an invitation ("vieni", "come over", a question).
_OWN_POSSESSED = re.compile(
    rf"\b(?:my|mi|mis|mon|ma|mes|mein\w*|meu|minha|meus|minhas|mio|mia|miei|mie|our|unser\w*"
    rf"|nuestr\w*|nostr\w*|noss[oa]s?|nos)\s+(?:\w+\s+){{0,2}}?(?:{OWN_LIFE.pattern})"
    r"|\bpeople\s+my\s+age\b",
    re.IGNORECASE,
)
_INVITATION = re.compile(
    r"\?|\b(?:come|vieni|venite|venez|viens|ven[íi]?|vem|venha|komm\w*|passa|passez|p[áa]sate"
    r"|join|let's|lets|lass\s+uns|if|si|wenn|falls|should|could|want|wanna|quieres|querés|vuoi|veux|voulez|willst"
    r"|quer|queres)\b",
    re.IGNORECASE,
)


def negated(text: str, start: int, found: str) -> bool:
    """Whether the clause before a finding (or the finding) says "not" in one of the six
    languages, or a verb-final refusal follows it: "I can't offer sessions here", "je ne
    prends pas de nouveaux patients", "Anfragen nehme ich nicht an"."""
    before = text[max(0, start - 60) : start]
    clause = re.split(r"[.!?;:,\n\u2013\u2014]", before)[-1]
    if NEGATION.search(NOT_A_NEGATION.sub("", f"{clause} {found}")):
        return True
    after = text[start + len(found) : start + len(found) + 80]
    return bool(NEGATION_AFTER.search(after))


def not_the_writers(text: str, start: int, found: str, kind: str) -> bool:
    """Whether a finding is not the writer's own offer: the idiom for experience ("in my
    practice I see …"), a meeting with people from one's own life (with them, or named in this
    sentence or the one before; the reader not addressed, no invitation nor question),
    someone else's contact details (a service named before them, no first person near), or
    said of someone else (no first person in it, a third party the subject of its clause and
    the writer not)."""
    if start < 0:
        return False
    end = start + len(found)
    clause, sentence = _sentence(text, start, end)
    if _PLACE.search(found) and EXPERIENCE_AFTER.search(text[end : end + 40]):
        return True
    if kind == "meet" and not _YOU.search(sentence) and not _ME.search(found):
        rest = sentence.replace(found, " ")
        if OWN_COMPANY.search(rest) or (OWN_COMPANY.search(sentence) and OWN_LIFE.search(rest)):
            return True
        before = re.split(r"[.!?\n]", text[max(0, start - 400) : start])
        context = f"{before[-2] if len(before) > 1 else ''} {rest}"
        if (
            _OWN_POSSESSED.search(context)
            and not _YOU.search(context)
            and not _INVITATION.search(sentence)
        ):
            return True
    if _FIRST_PERSON.search(found):
        return False
    if kind == _CONTACT_KIND:
        near = text[max(0, start - 120) : start]
        return (
            bool(SERVICE.search(near))
            and not _FIRST_PERSON.search(clause)
            and not re.search(
                r"\b(?:me|my|mon|ma|mein\w*|mi|meu|minha|mio|mia|moi|mich|mir)\b", near[-40:], re.I
            )
        )
    return bool(THIRD_PARTY.search(clause)) and not _SUBJECT_I.search(clause)
