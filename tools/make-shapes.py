#!/usr/bin/env python3
"""Builds the corpus of report shapes in tests/shapes/: reports written as
Word documents in the UN layout (number, tab, hanging indent; some with
Word's automatic numbering), printed to PDF by LibreOffice and drawn by
pdftotext in its default, -layout and -raw modes; beside each, the report as
plain text, which every other shape must read alike.

Needs only the Python standard library, LibreOffice (soffice),
poppler-utils (pdftotext) and, for the Arabic and Chinese reports, the
faces Amiri and AR PL UMing: tools/setup-system.sh check installs them all.
Run it from the project's root: python3 tools/make-shapes.py
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

OUT = os.path.join("tests", "shapes")

# ---------------------------------------------------------------------------
# The reports. A chapter is (numeral, title, blocks); a block is
# ("heading", letter, title) or ("para", text, items); an item is
# (text, sub-items). Paragraph numbers run through the whole report.

EN_PREVENTION = [
    ("para", "States parties should criminalize the smuggling of migrants in line with the Protocol against the Smuggling of Migrants by Land, Sea and Air, and ensure that the offence carries penalties that take into account its grave nature.", []),
    ("para", "States parties should, in order to prevent the smuggling of migrants, adopt a comprehensive approach that includes:", [
        ("effective border control and the integrity and security of travel and identity documents;", []),
        ("capacity-building and awareness-raising among officials and communities, in particular:", [
            ("training of border, police and prosecution officers;", []),
            ("information campaigns in countries of origin and transit;", []),
        ]),
        ("measures that address the root causes of smuggling, including poverty and underdevelopment.", []),
    ]),
    ("para", "States parties should consider using social media and the Internet to inform people at risk of being smuggled, particularly young people and their families, of the dangers they face and of the legal ways to migrate.", []),
]
EN_COOPERATION = [
    ("para", "States parties should make full use of the Organized Crime Convention as a legal basis for mutual legal assistance and extradition in cases of smuggling of migrants, and designate central authorities with sufficient resources.", []),
    ("para", "States parties should strengthen cooperation among law enforcement agencies, including through the exchange of liaison officers and the use of joint investigation teams, and should:", [
        ("share information on smuggling routes and methods in a timely manner;", []),
        ("conduct parallel financial investigations to trace and confiscate the proceeds of crime.", []),
    ]),
    ("para", "States parties should ensure that smuggled migrants are treated humanely and that their rights under international law are protected, in particular the rights of women and children and of persons in need of international protection.", []),
]
EN_DELIBERATIONS = [
    ("para", "Many speakers stressed the need for a comprehensive approach to the smuggling of migrants that addresses its root causes and protects the rights of smuggled migrants.", []),
    ("para", "Several speakers described national legislation and practice in the investigation and prosecution of smuggling cases, and referred to the difficulties of gathering evidence across borders.", []),
    ("para", "One speaker noted that the misuse of fraudulent travel documents remained a major challenge, and called for greater technical assistance in document examination.", []),
]


def en_typed():
    return {
        "lang": "en",
        "symbol": "CTOC/COP/WG.7/2012/6",
        "job": "V.12-54101",
        "letter": "E",
        "date": "15 June 2012",
        "distr": "Distr.: General",
        "language": "English",
        "original": "Original: English",
        "body": ["Conference of the Parties to the United Nations Convention against Transnational Organized Crime"],
        "title": "Report on the meeting of the Working Group on the Smuggling of Migrants held in Vienna from 30 May to 1 June 2012",
        "chapters": [
            ("I", "Recommendations", [
                ("para", "At its meeting held in Vienna from 30 May to 1 June 2012, the Working Group on the Smuggling of Migrants adopted the following recommendations.", []),
                ("heading", "A", "Prevention of the smuggling of migrants"),
                *EN_PREVENTION,
                ("heading", "B", "International cooperation"),
                *EN_COOPERATION,
            ]),
            ("II", "Summary of deliberations", EN_DELIBERATIONS),
            ("III", "Organization of the meeting", [
                ("heading", "A", "Opening of the meeting"),
                ("para", "The Working Group on the Smuggling of Migrants held its meeting in Vienna from 30 May to 1 June 2012. The meeting was opened by the Chair, who welcomed the participants.", []),
                ("para", "The Working Group adopted the provisional agenda and the proposed organization of work without amendment.", []),
            ]),
        ],
    }


FR_RECS = [
    ("heading", "A", "Prévention et sensibilisation"),
    ("para", "Les États parties devraient incriminer le trafic illicite de migrants conformément au Protocole contre le trafic illicite de migrants par terre, air et mer, et veiller à ce que les peines tiennent compte de la gravité de l’infraction.", []),
    ("para", "Pour prévenir le trafic illicite de migrants, les États parties devraient adopter une approche globale comportant notamment:", [
        ("des mesures de contrôle efficace des frontières et de sécurité des documents de voyage;", []),
        ("des mesures de renforcement des capacités et de sensibilisation, en particulier:", [
            ("la formation des agents des services de police et de poursuite;", []),
            ("des campagnes d’information dans les pays d’origine et de transit;", []),
        ]),
        ("des mesures portant sur les causes profondes du phénomène.", []),
    ]),
    ("heading", "B", "Coopération internationale"),
    ("para", "Les États parties devraient utiliser pleinement la Convention contre la criminalité organisée comme base légale de l’entraide judiciaire et de l’extradition dans les affaires de trafic illicite de migrants.", []),
    ("para", "Les États parties voudront peut-être renforcer la coopération entre leurs services de détection et de répression, et notamment:", [
        ("échanger en temps utile des informations sur les itinéraires et les méthodes des passeurs;", []),
        ("mener des enquêtes financières parallèles afin de dépister et de confisquer le produit du crime.", []),
    ]),
    ("para", "Les États parties devraient veiller à ce que les migrants objet d’un trafic illicite soient traités avec humanité et que leurs droits soient protégés, en particulier ceux des femmes et des enfants.", []),
]


def fr_auto():
    return {
        "lang": "fr",
        "symbol": "CTOC/COP/WG.7/2013/5",
        "job": "V.13-88110",
        "letter": "F",
        "date": "26 novembre 2013",
        "distr": "Distr. générale",
        "language": "Français",
        "original": "Original: anglais",
        "body": ["Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée"],
        "title": "Rapport sur la réunion du Groupe de travail sur le trafic illicite de migrants tenue à Vienne du 11 au 13 novembre 2013",
        "numbering": "auto",
        "chapters": [
            ("I", "Recommandations", [
                ("para", "À sa réunion tenue à Vienne du 11 au 13 novembre 2013, le Groupe de travail a adopté les recommandations ci-après.", []),
                *FR_RECS,
            ]),
            ("II", "Résumé des débats", [
                ("para", "De nombreux orateurs ont souligné la nécessité d’une approche globale du trafic illicite de migrants qui s’attaque à ses causes profondes.", []),
                ("para", "Plusieurs orateurs ont décrit leur législation et leur pratique nationales en matière d’enquêtes et de poursuites.", []),
            ]),
        ],
    }


def en_sessions():
    return {
        "lang": "en",
        "symbol": "CAC/COSP/WG.4/2022/4",
        "job": "V.22-29874",
        "letter": "E",
        "date": "12 December 2022",
        "distr": "Distr.: General",
        "language": "English",
        "original": "Original: English",
        "body": ["Conference of the States Parties to the United Nations Convention against Corruption"],
        "title": "Report on the meeting of the Working Group on International Cooperation held in Geneva on 1 and 2 December 2022",
        "numbering": "auto",
        "chapters": [
            ("I", "Introduction", [
                ("para", "The Working Group on International Cooperation held its fifteenth session in Geneva on 1 and 2 December 2022.", []),
                ("para", "At its fifteenth session, held in Geneva on 1 and 2 December 2022, the Working Group adopted the recommendations set out in chapters II and IV below.", []),
            ]),
            ("II", "General recommendations", [
                ("para", "States parties should continue to review their legal frameworks on mutual legal assistance so that requests can be answered without undue delay.", []),
                ("para", "States parties should consider the following measures:", [
                    ("making use of electronic means for the transmission of requests;", []),
                    ("publishing guidance on the requirements of their central authorities;", []),
                    ("keeping statistics on requests received and answered.", []),
                ]),
            ]),
            ("III", "Summary of deliberations", [
                ("para", "Speakers exchanged experiences on the spontaneous sharing of information and on the use of informal channels before a formal request is sent.", []),
                ("para", "Several speakers referred to difficulties in the recovery of assets held abroad.", []),
            ]),
            ("IV", "Recommendations to the Conference of the States Parties", [
                ("para", "The Conference should encourage States parties to designate contact points for asset recovery and to update their details regularly.", []),
                ("para", "The Conference should request the secretariat to:", [
                    ("continue to collect good practices in international cooperation;", []),
                    ("report on the use of the directory of competent national authorities.", []),
                ]),
            ]),
        ],
    }


SENTENCES = [
    "The Working Group recalled that the Protocol against the Smuggling of Migrants by Land, Sea and Air requires States parties to criminalize the smuggling of migrants and related conduct.",
    "Speakers underlined that smuggled migrants should not become liable to criminal prosecution for the fact of having been the object of smuggling.",
    "It was noted that organized criminal groups adapt their routes and methods quickly in response to border controls and law enforcement action.",
    "Several delegations referred to the need for reliable data on the scale of the phenomenon, disaggregated by age, sex and nationality.",
    "The importance of protecting the rights of smuggled migrants, in particular the right to life and the right not to be subjected to torture, was stressed.",
    "Many speakers called for closer cooperation between countries of origin, transit and destination, including through joint investigations.",
]


RECOMMENDATIONS = [
    "States parties should review their legislation to ensure that the smuggling of migrants is criminalized in line with the Protocol, including when it is committed by organized criminal groups, and that penalties take into account the gravity of the offence.",
    "States parties should ensure that their law enforcement authorities have the powers and the resources needed to investigate smuggling networks, including through special investigative techniques and financial investigations.",
    "States parties should ensure that smuggled migrants are not held criminally liable for the fact of having been smuggled, and that they are informed of their rights in a language they understand.",
    "States parties should strengthen the collection and analysis of data on the smuggling of migrants, disaggregated by age, sex and nationality, and share such data with other States parties where appropriate.",
    "States parties should provide training to border, police, prosecution and judicial officials on the identification of smuggled migrants in need of protection and on their rights under international law.",
    "States parties should cooperate with countries of origin, transit and destination in the investigation and prosecution of smuggling cases, including by making use of joint investigation teams.",
    "States parties should take measures to protect the life and safety of migrants who are smuggled by sea, and ensure that rescue at sea is not impeded by measures against smuggling.",
    "States parties should consider establishing national coordination mechanisms that bring together all agencies responsible for preventing and combating the smuggling of migrants.",
]


def prose(seed, sentences=4):
    return " ".join(SENTENCES[(seed + i) % len(SENTENCES)] for i in range(sentences))


def en_pages():
    recs_a = [("para", RECOMMENDATIONS[i], []) for i in range(3)]
    return {
        "lang": "en",
        "symbol": "CTOC/COP/WG.7/2014/2",
        "job": "V.14-01234",
        "letter": "E",
        "date": "2 December 2014",
        "distr": "Distr.: General",
        "language": "English",
        "original": "Original: English",
        "body": ["Conference of the Parties to the United Nations Convention against Transnational Organized Crime"],
        "title": "Report on the meeting of the Working Group on the Smuggling of Migrants held in Vienna from 18 to 20 November 2014",
        "chapters": [
            ("I", "Introduction", [("para", prose(i, 5), []) for i in range(5)]),
            ("II", "Recommendations", [
                ("para", "At its third meeting, held in Vienna from 18 to 20 November 2014, the Working Group adopted the following recommendations.", []),
                ("heading", "A", "Criminalization"),
                *recs_a,
                ("para", "States parties should consider the following measures, in line with their domestic law:", [
                    (prose(i, 2)[:-1] + ";", []) for i in range(4)
                ]),
                ("heading", "B", "Protection of the rights of smuggled migrants"),
                *[("para", RECOMMENDATIONS[i + 3] + " " + prose(i, 2), []) for i in range(5)],
                ("para", "States parties should ensure, in particular:", [
                    (prose(i + 1, 2)[:-1] + ";", []) for i in range(4)
                ]),
            ]),
            ("III", "Summary of deliberations", [("para", prose(i + 3, 5), []) for i in range(4)]),
        ],
    }



# Word features that print as nothing special but that a reader of the XML
# must get right: tracked changes (deleted, inserted, moved text, a deleted
# paragraph mark, an earlier numbering kept in a change record), fields
# (their codes are not text, their results are), footnote references, a
# masthead laid out in a table and a distribution block in a text box.
# Written as Word only: a PDF printed from it would show the changes.
WORD_ONLY = {"en-word"}


def en_body():
    return {
        "lang": "en",
        "symbol": "CAC/COSP/WG.4/2021/5",
        "job": "V.21-09321",
        "letter": "E",
        "date": "10 December 2021",
        "distr": "Distr.: General",
        "language": "English",
        "original": "Original: English",
        "body": ["Conference of the States Parties to the United Nations Convention against Corruption"],
        "title": "Recommendations adopted by the Working Group on International Cooperation at its fourteenth session, held on 2 and 3 December 2021 in Geneva",
        "numbering": "auto",
        # No chapter headings: the whole body is recommendations.
        "chapters": [
            (None, None, [
                ("heading", "A", "Mutual legal assistance"),
                ("para", "States parties should make use of the Convention as a legal basis for mutual legal assistance in the absence of a bilateral treaty.", []),
                ("para", "States parties should ensure that their central authorities:", [
                    ("acknowledge requests promptly;", []),
                    ("consult the requesting State before refusing a request.", []),
                ]),
                ("heading", "B", "Asset recovery"),
                ("para", "States parties should consider the direct enforcement of foreign confiscation orders.", []),
            ]),
        ],
    }


def fr_chapters():
    return {
        "lang": "fr",
        "symbol": "CAC/COSP/WG.4/2022/4",
        "job": "V.22-29875",
        "letter": "F",
        "date": "12 décembre 2022",
        "distr": "Distr. générale",
        "language": "Français",
        "original": "Original: anglais",
        "body": ["Conférence des États parties à la Convention des Nations Unies contre la corruption"],
        "title": "Rapport sur la réunion du Groupe de travail sur la coopération internationale tenue à Genève les 1er et 2 décembre 2022",
        "chapters": [
            ("I", "Introduction", [
                ("para", "À sa quinzième session, tenue à Genève les 1er et 2 décembre 2022, le Groupe de travail a adopté les recommandations figurant aux chapitres II et III.", []),
            ]),
            ("II", "Recommandations générales", [
                ("para", "Les États parties devraient continuer d’examiner leur cadre juridique de l’entraide judiciaire afin que les demandes reçoivent une réponse sans retard injustifié.", []),
                ("para", "Les États parties devraient envisager les mesures suivantes:", [
                    ("l’utilisation de moyens électroniques pour la transmission des demandes;", []),
                    ("la publication d’indications sur les exigences de leurs autorités centrales.", []),
                ]),
            ]),
            ("III", "Recommandations relatives au recouvrement d’avoirs", [
                ("para", "Les États parties devraient désigner des points de contact pour le recouvrement d’avoirs et tenir leurs coordonnées à jour.", []),
            ]),
            ("IV", "Résumé des débats", [
                ("para", "Les orateurs ont échangé des données d’expérience sur la communication spontanée d’informations.", []),
            ]),
        ],
    }


def en_word():
    report = en_typed()
    report["symbol"] = "CTOC/COP/WG.7/2016/3"
    report["job"] = "V.16-07070"
    report["features"] = True
    return report


# Reports in the other languages of the UN, each as its secretariat types
# it: the masthead's English lines kept by the Russian, Arabic and Chinese
# ones, the language's own item labels (Cyrillic `а)`, `(أ)`, `(a)` and
# `(一)`), and its way of stating where and when the meeting was held.

def es_typed():
    return {
        "lang": "es",
        "symbol": "CTOC/COP/WG.7/2012/6",
        "job": "V.12-54105",
        "letter": "S",
        "date": "15 de junio de 2012",
        "distr": "Distr. general",
        "language": "Español",
        "original": "Original: inglés",
        "body": ["Conferencia de las Partes en la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional"],
        "title": "Informe de la reunión del Grupo de Trabajo sobre el Tráfico Ilícito de Migrantes celebrada en Viena del 30 de mayo al 1 de junio de 2012",
        "chapters": [
            ("I", "Recomendaciones", [
                ("para", "En su reunión celebrada en Viena del 30 de mayo al 1 de junio de 2012, el Grupo de Trabajo sobre el Tráfico Ilícito de Migrantes aprobó las recomendaciones siguientes.", []),
                ("heading", "A", "Prevención del tráfico ilícito de migrantes"),
                ("para", "Los Estados partes deberían tipificar como delito el tráfico ilícito de migrantes de conformidad con el Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire, y velar por que el delito conlleve penas que tengan en cuenta su gravedad.", []),
                ("para", "Para prevenir el tráfico ilícito de migrantes, los Estados partes deberían adoptar un enfoque integral que incluya:", [
                    ("el control eficaz de las fronteras y la integridad y seguridad de los documentos de viaje y de identidad;", []),
                    ("la creación de capacidad y la sensibilización de los funcionarios y las comunidades, en particular:", [
                        ("la capacitación de los agentes de fronteras, de policía y del ministerio público;", []),
                        ("las campañas de información en los países de origen y de tránsito;", []),
                    ]),
                    ("medidas que aborden las causas profundas del tráfico ilícito, entre ellas la pobreza y el subdesarrollo.", []),
                ]),
                ("para", "Los Estados partes deberían considerar la posibilidad de utilizar los medios sociales e Internet para informar a las personas que corren el riesgo de ser objeto de tráfico ilícito, en particular a los jóvenes y sus familias, de los peligros a que se exponen y de las vías legales para migrar.", []),
                ("heading", "B", "Cooperación internacional"),
                ("para", "Los Estados partes deberían aprovechar plenamente la Convención contra la Delincuencia Organizada como base jurídica de la asistencia judicial recíproca y la extradición en los casos de tráfico ilícito de migrantes, y designar autoridades centrales dotadas de recursos suficientes.", []),
                ("para", "Los Estados partes deberían reforzar la cooperación entre los organismos encargados de hacer cumplir la ley, en particular mediante el intercambio de oficiales de enlace y la utilización de equipos conjuntos de investigación, y deberían:", [
                    ("intercambiar oportunamente información sobre las rutas y los métodos del tráfico ilícito;", []),
                    ("realizar investigaciones financieras paralelas para localizar y decomisar el producto del delito.", []),
                ]),
                ("para", "Los Estados partes deberían velar por que los migrantes objeto de tráfico ilícito reciban un trato humano y por que se protejan los derechos que les reconoce el derecho internacional, en particular los de las mujeres y los niños y los de las personas que necesitan protección internacional.", []),
            ]),
            ("II", "Resumen de las deliberaciones", [
                ("para", "Muchos oradores subrayaron la necesidad de adoptar respecto del tráfico ilícito de migrantes un enfoque integral que aborde sus causas profundas y proteja los derechos de los migrantes objeto de tráfico ilícito.", []),
                ("para", "Varios oradores describieron la legislación y la práctica nacionales en materia de investigación y enjuiciamiento de los casos de tráfico ilícito, y se refirieron a las dificultades para reunir pruebas en otros países.", []),
                ("para", "Un orador señaló que el uso indebido de documentos de viaje fraudulentos seguía siendo un problema importante y pidió más asistencia técnica en el examen de documentos.", []),
            ]),
            ("III", "Organización de la reunión", [
                ("heading", "A", "Apertura de la reunión"),
                ("para", "El Grupo de Trabajo sobre el Tráfico Ilícito de Migrantes celebró su reunión en Viena del 30 de mayo al 1 de junio de 2012. Inauguró la reunión el Presidente, que dio la bienvenida a los participantes.", []),
                ("para", "El Grupo de Trabajo aprobó sin modificaciones el programa provisional y la organización de los trabajos propuesta.", []),
            ]),
        ],
    }


def ru_typed():
    return {
        "lang": "ru",
        "symbol": "CTOC/COP/WG.7/2013/5",
        "job": "V.13-88412",
        "letter": "R",
        "date": "4 December 2013",
        "distr": "Distr.: General",
        "language": "Russian",
        "original": "Original: English",
        "body": ["Конференция участников Конвенции Организации Объединенных Наций против транснациональной организованной преступности"],
        "title": "Доклад о работе совещания Рабочей группы по незаконному ввозу мигрантов, состоявшегося в Вене 11–13 ноября 2013 года",
        "chapters": [
            ("I", "Рекомендации", [
                ("para", "На своем совещании, состоявшемся в Вене 11–13 ноября 2013 года, Рабочая группа по незаконному ввозу мигрантов приняла следующие рекомендации.", []),
                ("heading", "A", "Предупреждение незаконного ввоза мигрантов"),
                ("para", "Государствам-участникам следует криминализировать незаконный ввоз мигрантов в соответствии с Протоколом против незаконного ввоза мигрантов по суше, морю и воздуху и обеспечить, чтобы за это преступление предусматривались наказания, учитывающие его тяжесть.", []),
                ("para", "В целях предупреждения незаконного ввоза мигрантов государствам-участникам следует применять комплексный подход, включающий:", [
                    ("эффективный пограничный контроль и обеспечение надежности и защищенности документов на въезд/выезд и удостоверений личности;", []),
                    ("создание потенциала и повышение осведомленности должностных лиц и общин, в частности:", [
                        ("подготовку сотрудников пограничных служб, полиции и прокуратуры;", []),
                        ("информационные кампании в странах происхождения и транзита;", []),
                    ]),
                    ("меры по устранению коренных причин незаконного ввоза, включая нищету и недостаточный уровень развития.", []),
                ]),
                ("para", "Государствам-участникам следует рассмотреть вопрос об использовании социальных сетей и Интернета для информирования лиц, которые могут стать объектом незаконного ввоза, в частности молодежи и их семей, об опасностях, которым они подвергаются, и о законных способах миграции.", []),
                ("heading", "B", "Международное сотрудничество"),
                ("para", "Государствам-участникам следует в полной мере использовать Конвенцию против организованной преступности в качестве правового основания для оказания взаимной правовой помощи и выдачи по делам о незаконном ввозе мигрантов и назначить центральные органы, располагающие достаточными ресурсами.", []),
                ("para", "Государствам-участникам следует укреплять сотрудничество между правоохранительными органами, в том числе путем обмена сотрудниками по связям и использования совместных следственных групп, и следует:", [
                    ("своевременно обмениваться информацией о маршрутах и методах незаконного ввоза;", []),
                    ("проводить параллельные финансовые расследования для отслеживания и конфискации доходов от преступлений.", []),
                ]),
                ("para", "Государствам-участникам следует обеспечивать гуманное обращение с незаконно ввезенными мигрантами и защиту их прав по международному праву, в частности прав женщин и детей и лиц, нуждающихся в международной защите.", []),
            ]),
            ("II", "Краткое изложение хода обсуждения", [
                ("para", "Многие выступавшие подчеркнули необходимость комплексного подхода к проблеме незаконного ввоза мигрантов, который предусматривал бы устранение ее коренных причин и защиту прав незаконно ввезенных мигрантов.", []),
                ("para", "Ряд выступавших рассказали о национальном законодательстве и практике в области расследования и уголовного преследования по делам о незаконном ввозе мигрантов и указали на трудности со сбором доказательств за рубежом.", []),
                ("para", "Один из выступавших отметил, что использование поддельных документов на въезд/выезд по-прежнему представляет собой серьезную проблему, и призвал расширить техническую помощь в области экспертизы документов.", []),
            ]),
            ("III", "Организация работы совещания", [
                ("heading", "A", "Открытие совещания"),
                ("para", "Рабочая группа по незаконному ввозу мигрантов провела свое совещание в Вене 11–13 ноября 2013 года. Совещание открыл Председатель, который приветствовал участников.", []),
                ("para", "Рабочая группа утвердила предварительную повестку дня и предлагаемую организацию работы без изменений.", []),
            ]),
        ],
    }


def ar_typed():
    return {
        "lang": "ar",
        "symbol": "CTOC/COP/WG.7/2014/2",
        "job": "V.14-08150",
        "letter": "A",
        "date": "2 December 2014",
        "distr": "Distr.: General",
        "language": "Arabic",
        "original": "Original: English",
        "body": ["مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية"],
        "title": "تقرير الفريق العامل المعني بتهريب المهاجرين عن اجتماعه الثالث المعقود في فيينا من 18 إلى 20 تشرين الثاني/نوفمبر 2014",
        "chapters": [
            ("أولاً", "التوصيات", [
                ("para", "اعتمد الفريق العامل المعني بتهريب المهاجرين، في اجتماعه الثالث المعقود في فيينا من 18 إلى 20 تشرين الثاني/نوفمبر 2014، التوصيات التالية.", []),
                ("heading", "ألف", "منع تهريب المهاجرين"),
                ("para", "ينبغي للدول الأطراف أن تجرِّم تهريب المهاجرين وفقاً لبروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو، وأن تكفل أن يُعاقب على هذه الجريمة بعقوبات تراعي جسامتها.", []),
                ("para", "من أجل منع تهريب المهاجرين، ينبغي للدول الأطراف أن تعتمد نهجاً شاملاً يتضمَّن ما يلي:", [
                    ("المراقبة الفعَّالة للحدود وسلامة وثائق السفر والهوية وأمنها؛", []),
                    ("بناء القدرات وتوعية الموظفين والمجتمعات المحلية، ولا سيما:", [
                        ("تدريب موظفي الحدود والشرطة والنيابة العامة؛", []),
                        ("تنظيم حملات إعلامية في بلدان المنشأ والعبور؛", []),
                    ]),
                    ("تدابير تتصدَّى للأسباب الجذرية لتهريب المهاجرين، ومنها الفقر والتخلُّف الإنمائي.", []),
                ]),
                ("para", "ينبغي للدول الأطراف أن تنظر في استخدام وسائط التواصل الاجتماعي والإنترنت لإعلام الأشخاص المعرَّضين لخطر التهريب، ولا سيما الشباب وأسرهم، بالأخطار التي يواجهونها وبسبل الهجرة القانونية.", []),
                ("heading", "باء", "التعاون الدولي"),
                ("para", "ينبغي للدول الأطراف أن تستفيد استفادة كاملة من اتفاقية الجريمة المنظَّمة كأساس قانوني لتبادل المساعدة القانونية وتسليم المطلوبين في قضايا تهريب المهاجرين، وأن تعيِّن سلطات مركزية تتوافر لها موارد كافية.", []),
                ("para", "ينبغي للدول الأطراف أن تعزِّز التعاون بين أجهزة إنفاذ القانون، بوسائل منها تبادل ضباط الاتصال واستخدام أفرقة التحقيق المشتركة، وينبغي لها أن:", [
                    ("تتبادل في الوقت المناسب المعلومات عن دروب التهريب وأساليبه؛", []),
                    ("تجري تحقيقات مالية موازية لاقتفاء أثر عائدات الجريمة ومصادرتها.", []),
                ]),
                ("para", "ينبغي للدول الأطراف أن تكفل معاملة المهاجرين المهرَّبين معاملة إنسانية وحماية حقوقهم بموجب القانون الدولي، ولا سيما حقوق النساء والأطفال والأشخاص المحتاجين إلى الحماية الدولية.", []),
            ]),
            ("ثانياً", "موجز المناقشات", [
                ("para", "شدَّد كثير من المتكلمين على ضرورة اتباع نهج شامل إزاء تهريب المهاجرين يتصدَّى لأسبابه الجذرية ويحمي حقوق المهاجرين المهرَّبين.", []),
                ("para", "وعرض عدَّة متكلمين التشريعات والممارسات الوطنية في مجال التحقيق في قضايا تهريب المهاجرين وملاحقة مرتكبيها قضائياً، وأشاروا إلى صعوبة جمع الأدلة عبر الحدود.", []),
                ("para", "ولاحظ أحد المتكلمين أنَّ إساءة استخدام وثائق السفر المزوَّرة لا تزال تمثِّل تحدياً كبيراً، ودعا إلى زيادة المساعدة التقنية في مجال فحص الوثائق.", []),
            ]),
            ("ثالثاً", "تنظيم الاجتماع", [
                ("heading", "ألف", "افتتاح الاجتماع"),
                ("para", "عقد الفريق العامل المعني بتهريب المهاجرين اجتماعه الثالث في فيينا من 18 إلى 20 تشرين الثاني/نوفمبر 2014. وافتتح الاجتماعَ الرئيسُ، الذي رحَّب بالمشاركين.", []),
                ("para", "وأقرَّ الفريق العامل جدول الأعمال المؤقت وتنظيم الأعمال المقترح دون تعديل.", []),
            ]),
        ],
    }


def zh_typed():
    return {
        "lang": "zh",
        "symbol": "CTOC/COP/WG.7/2012/6",
        "job": "V.12-54106",
        "letter": "C",
        "date": "15 June 2012",
        "distr": "Distr.: General",
        "language": "Chinese",
        "original": "Original: English",
        "body": ["联合国打击跨国有组织犯罪公约缔约方会议"],
        "title": "偷运移民问题工作组2012年5月30日至6月1日在维也纳举行的第一次会议的报告",
        "chapters": [
            ("一", "建议", [
                ("para", "偷运移民问题工作组在2012年5月30日至6月1日于维也纳举行的第一次会议上通过了以下建议。", []),
                ("heading", "A", "预防偷运移民"),
                ("para", "缔约国应当根据《关于打击陆、海、空偷运移民的补充议定书》将偷运移民定为刑事犯罪，并确保对这一犯罪规定考虑到其严重性的刑罚。", []),
                ("para", "为预防偷运移民，缔约国应当采取综合办法，其中包括：", [
                    ("有效的边境管制以及旅行证件和身份证件的完整性和安全；", []),
                    ("官员和社区的能力建设和提高认识，特别是：", [
                        ("对边境、警察和检察官员的培训；", []),
                        ("在原籍国和过境国开展宣传活动；", []),
                    ]),
                    ("消除偷运移民根源的措施，包括贫困和欠发达。", []),
                ]),
                ("para", "缔约国应当考虑利用社交媒体和互联网，向有可能被偷运的人，特别是青年人及其家人，宣传他们面临的危险和合法移民途径。", []),
                ("heading", "B", "国际合作"),
                ("para", "缔约国应当充分利用《有组织犯罪公约》作为在偷运移民案件中开展司法协助和引渡的法律依据，并指定拥有充足资源的中央机关。", []),
                ("para", "缔约国应当加强执法机构之间的合作，包括交流联络官和利用联合调查组，并应当：", [
                    ("及时交流关于偷运路线和手法的信息；", []),
                    ("开展平行金融调查，以追查和没收犯罪所得。", []),
                ]),
                ("para", "缔约国应当确保被偷运的移民得到人道待遇，其根据国际法享有的权利得到保护，特别是妇女和儿童以及需要国际保护者的权利。", []),
            ]),
            ("二", "审议情况概要", [
                ("para", "许多发言者强调，需要对偷运移民问题采取综合办法，消除其根源并保护被偷运移民的权利。", []),
                ("para", "若干发言者介绍了本国在偷运移民案件调查和起诉方面的立法和做法，并提到跨境收集证据的困难。", []),
                ("para", "一位发言者指出，滥用欺诈性旅行证件仍然是一大挑战，并呼吁在证件检验方面提供更多技术援助。", []),
            ]),
            ("三", "会议安排", [
                ("heading", "A", "会议开幕"),
                ("para", "偷运移民问题工作组于2012年5月30日至6月1日在维也纳举行了会议。会议由主席宣布开幕，主席对与会者表示欢迎。", []),
                ("para", "工作组未经修正通过了临时议程和拟议工作安排。", []),
            ]),
        ],
    }


def en_more():
    """The English report with two paragraphs more before its lists: a
    compound the report writes once with its hyphen comes joined at a
    line's end in the default mode's text."""
    report = en_typed()
    numeral, title, blocks = report["chapters"][0]
    more = [
        ("para", "States parties may wish to consider raising awareness of the penalties for the offence of smuggling of migrants, including when it is committed under aggravating circumstances, so as to increase the deterrent effect of those penalties.", []),
        ("para", "In order to prevent the smuggling of migrants, States parties should adopt a comprehensive approach, including measures relating to effective border control, the strengthening of document integrity and control, capacity-building and awareness-raising, as well as measures addressing the root causes of the phenomenon.", []),
    ]
    report["chapters"][0] = (numeral, title, blocks[:2] + more + blocks[2:])
    return report


def ar_more():
    """The Arabic report with other recommendations (those of the 2013
    report): in the -raw mode's text, a word cut in three at its marks
    (`تُشجَّع`), words that end with their marks (`أيِّ`), a paragraph
    number under the running head."""
    report = ar_typed()
    numeral, title, blocks = report["chapters"][0]
    texts = [
        "الدول الأطراف مدعوَّة إلى التصدي للأسباب الجذرية لتهريب المهاجرين من خلال سياسات شاملة في مجال منع الجريمة، وكذلك من خلال سياسات اجتماعية واقتصادية وصحية وتعليمية وقضائية.",
        "الدول الأطراف مدعوَّة إلى التعاون بفعالية على التصدي للأسباب الجذرية لتهريب المهاجرين على نحو شامل ومتوازن، يستهدف العرض والطلب على السواء، بما يعزِّز تحسين تنفيذ البروتوكول.",
        "ينبغي للدول الأطراف أن تتخذ التدابير اللازمة، مثل وضع مبادئ توجيهية، لضمان احترام حقوق الإنسان الخاصة بالمهاجرين المهرَّبين وإيلاء سلامة هؤلاء المهاجرين وأمنهم أولويةً مطلقة، وضمان أن تراعي التحقيقات المتعلقة بتهريب المهاجرين الاحتياجات الخاصة للمهاجرين المستضعفين، مثل النساء والأطفال، وألَّا تُعرقَل عودتهم أو تؤخَّر دون داعٍ.",
        "ينبغي للدول الأطراف أن تعطي الأولوية في جميع الأوقات لحياة المهاجرين المهرَّبين وسلامتهم ورفاههم واحترام حقوق الإنسان الخاصة بهم عند إجراء التحقيقات في قضايا تهريب المهاجرين، بوسائل منها ضمان أن تستهدف هذه التحقيقات المهرِّبين والمهاجرين على نحو متوازن. وتحقيقاً لهذه الغاية، ينبغي تقييم المخاطر باستمرار قبل التحقيقات وأثناءها.",
        "ينبغي للدول الأطراف، عند الاقتضاء ووفقاً لالتزاماتها بموجب اتفاقية فيينا للعلاقات القنصلية وغيرها من المعاهدات ذات الصلة، أن تُخطر دون إبطاء السلطات القنصلية للدولة التي يحمل المهاجر المهرَّب جنسيتها، بموافقة الشخص المعني، وكذلك، عند الاقتضاء، دوائر الرعاية الاجتماعية، وأن تقدِّم المساعدة إلى المهاجرين، ولا سيما المستضعفين منهم، ومنهم النساء والأطفال، وأن تيسِّر عودتهم.",
        "تُشجَّع الدول الأطراف على اعتماد نهج شامل عند التحقيق في قضايا تهريب المهاجرين، بالاستناد إلى التعاون الثنائي والمتعدِّد الأطراف، ووفقاً للتشريعات الوطنية.",
        "عملاً بالمادة 20 من اتفاقية الجريمة المنظَّمة، ووفقاً للتشريعات الوطنية، ينبغي للدول الأطراف أن تستخدم، في قضايا تهريب المهاجرين، طائفة كاملة من أساليب التحرِّي الخاصة الملائمة لاحتياجات التحقيق، من أجل جمع المعلومات الاستخبارية والأدلة بفعالية.",
        "ينبغي للدول الأطراف، عند تطبيق أساليب التحرِّي الخاصة، أن تراعي القوانين ذات الصلة المتعلقة بالأدلة ومقبوليتها في إطار الملاحقات القضائية.",
        "يمكن للدول الأطراف أن تنظر، وفقاً للتشريعات الوطنية، في استخدام أسلوب التسليم المراقَب للتحقيق في قضايا تهريب المهاجرين، مع ضمان الاحترام التام لحقوق المهاجرين.",
        "طلب الفريق العامل المعني بتهريب المهاجرين إلى الأمانة أن تواصل تقديم المساعدة التقنية إلى الدول الأعضاء التي تطلبها، دعماً لجهودها الرامية إلى الانضمام إلى بروتوكول تهريب المهاجرين أو تنفيذه، بوسائل منها تعزيز الأطر القانونية وقدرات ممارسي العدالة الجنائية على مكافحة هذه الظاهرة بفعالية.",
        "تُشجَّع الدول الأطراف على اتخاذ التدابير اللازمة، عند الاقتضاء ووفقاً للتشريعات الوطنية، من أجل إنشاء مراكز مشتركة بين الأجهزة تمكِّنها من تنفيذ بروتوكول تهريب المهاجرين بفعالية.",
        "يمكن للدول الأطراف أن تنظر في تعيين مسؤول رفيع المستوى يتولى توجيه أعمال المركز المشترك بين الأجهزة.",
    ]
    paras = [("para", t, []) for t in texts]
    report["chapters"][0] = (numeral, title, blocks[:2] + paras[:6] + [blocks[5]] + paras[6:])
    return report


REPORTS = {
    "en-typed": en_typed,
    "fr-auto": fr_auto,
    "en-sessions": en_sessions,
    "en-pages": en_pages,
    "en-word": en_word,
    "en-body": en_body,
    "fr-chapters": fr_chapters,
    "es-typed": es_typed,
    "ru-typed": ru_typed,
    "ar-typed": ar_typed,
    "zh-typed": zh_typed,
    "en-more": en_more,
    "ar-more": ar_more,
}

# Shapes with pages missing, drawn from a printed shape: the first page
# (masthead and all) and a page inside the recommendations are left out.
FRAGMENTS = {"en-pages": [1, 3]}

# ---------------------------------------------------------------------------
# Labels

def roman(n):
    out = ""
    for value, digits in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]:
        while n >= value:
            out += digits
            n -= value
    return out


# The masthead's first line in each language.
UN = {
    "en": "United Nations",
    "fr": "Nations Unies",
    "es": "Naciones Unidas",
    "ru": "Организация Объединенных Наций",
    "ar": "الأمم المتحدة",
    "zh": "联合国",
}

ABJAD = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي"]
CYRILLIC = ["а", "б", "в", "г", "д", "е", "ж", "з", "и", "к"]
CHINESE = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def mark(lang):
    """What closes a chapter numeral, a heading letter and a paragraph
    number: `I.`, `A.`, `1.`; in Arabic `أولاً-`, `ألف-`, `1-`."""
    return "-" if lang == "ar" else "."


def item_label(lang, depth, index):
    if lang == "ar":
        return f"({ABJAD[index]})" if depth == 1 else f"‘{index + 1}’"
    if lang == "zh" and depth == 2:
        return f"({CHINESE[index]})"
    key = chr(ord("a") + index) if depth == 1 else roman(index + 1)
    if lang == "ru" and depth == 1:
        key = CYRILLIC[index]
    return f"({key})" if lang in ("en", "zh") else f"{key})"


def numbered(report):
    """Blocks with their paragraph numbers and item labels."""
    n = 0
    out = []
    for numeral, title, blocks in report["chapters"]:
        chapter = []
        for block in blocks:
            if block[0] == "heading":
                chapter.append(block)
                continue
            n += 1
            chapter.append(("para", n, block[1], block[2]))
        out.append((numeral, title, chapter))
    return out


# ---------------------------------------------------------------------------
# Plain text: the shape every other one must read alike.

def plain(report):
    lang = report["lang"]
    m = mark(lang)
    lines = [f" {UN[lang]} {report['symbol']}", ""]
    lines += report["body"] + [""]
    lines += [report["distr"], report["date"], report["language"], report["original"], "", ""]
    lines += [report["title"], "", ""]
    for numeral, title, blocks in numbered(report):
        if numeral:
            lines += [f"  {numeral}{m} {title}", ""]
        for block in blocks:
            if block[0] == "heading":
                lines += [f" {block[1]}{m} {block[2]}", ""]
                continue
            _, n, text, items = block
            lines += [f"{n}{m} {text}", ""]
            for i, (item, subs) in enumerate(items):
                lines += [f" {item_label(lang, 1, i)} {item}", ""]
                for j, (sub, _) in enumerate(subs):
                    lines += [f"  {item_label(lang, 2, j)} {sub}", ""]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Word: WordprocessingML written by hand, so that every feature is exact.

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

# Measures of the UN template, in twentieths of a point: text block at
# 1134 from the margin, paragraph number hanging before the text at 1701,
# items at 1701 hanging to 2268, sub-items to 2835.
TEXT, NUM, ITEM, SUB = 1134, 1701, 2268, 2835


# Set while an Arabic report is written: its paragraphs are laid out right
# to left, and its runs of Arabic marked as right-to-left text.
RIGHT_TO_LEFT = False


def run(text, extra=""):
    if RIGHT_TO_LEFT and not extra and re.search("[\u0600-\u06ff]", text):
        extra = "<w:rPr><w:rtl/></w:rPr>"
    return f'<w:r>{extra}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(content, style="SingleTxt", ppr=""):
    bidi = "<w:bidi/>" if RIGHT_TO_LEFT else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{bidi}{ppr}</w:pPr>{content}</w:p>'


def latin_para(content, style):
    """A paragraph of English in any report: an Arabic masthead's symbol
    and distribution lines are laid out left to right."""
    global RIGHT_TO_LEFT
    if not RIGHT_TO_LEFT:
        return para(content, style)
    RIGHT_TO_LEFT = False
    try:
        # Said outright: LibreOffice lays a paragraph of a right-to-left
        # table out from the right unless told otherwise.
        return para(content, style, '<w:bidi w:val="0"/>')
    finally:
        RIGHT_TO_LEFT = True


def hanging(left, hang):
    return f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs><w:ind w:left="{left}" w:hanging="{hang}"/>'


def numpr(num_id, level):
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


def document(report):
    lang = report["lang"]
    auto = report.get("numbering") == "auto"
    body = []
    un = UN[lang]
    m = mark(lang)
    features = report.get("features")
    distr = [report["distr"], report["date"], report["language"], report["original"]]
    if features:
        body.append(table([[un, report["symbol"]]]))
        for line in report["body"]:
            body.append(para(run(line), "Masthead"))
        body.append(para(text_box(distr)))
    else:
        # The UN masthead: a table of two columns, the body's name on the
        # left and the distribution block on the right, side by side.
        body.append(masthead_table(un, report["symbol"], report["body"], distr))
    body.append(para(run(report["title"]), "Title"))
    # Each list of items restarts at (a): a new w:num over the same
    # abstract list with a startOverride, as Word writes it.
    next_items = 10
    nums = []
    for numeral, title, blocks in numbered(report):
        if numeral:
            body.append(para(run(f"{numeral}{m}") + '<w:r><w:tab/></w:r>' + run(title), "HChG"))
        for block in blocks:
            if block[0] == "heading":
                body.append(para(run(f"{block[1]}{m}") + '<w:r><w:tab/></w:r>' + run(block[2]), "H1G"))
                continue
            _, n, text, items = block
            if auto:
                body.append(para(run(text), "NumPara"))
            elif features:
                body.extend(featured(n, text))
            else:
                body.append(para(run(f"{n}{m}") + '<w:r><w:tab/></w:r>' + run(text), "SingleTxt", hanging(NUM, NUM - TEXT)))
            if items and auto:
                next_items += 1
                nums.append(next_items)
            for i, (item, subs) in enumerate(items):
                if auto:
                    body.append(para(run(item), "SingleTxt", numpr(next_items, 0)))
                else:
                    label = item_label(lang, 1, i)
                    body.append(para(run(label) + '<w:r><w:tab/></w:r>' + run(item), "SingleTxt", hanging(ITEM, ITEM - NUM)))
                for j, (sub, _) in enumerate(subs):
                    if auto:
                        body.append(para(run(sub), "SingleTxt", numpr(next_items, 1)))
                    else:
                        label = item_label(lang, 2, j)
                        body.append(para(run(label) + '<w:r><w:tab/></w:r>' + run(sub), "SingleTxt", hanging(SUB, SUB - ITEM)))
    # The first page has no running head, and its foot carries the job
    # number with the language letter, and the barcode.
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
            '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
            '<w:footerReference w:type="default" r:id="rIdFooter"/>'
            '<w:footerReference w:type="first" r:id="rIdFooterFirst"/><w:titlePg/>'
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1701" w:right="1134" w:bottom="2268" w:left="1134" w:header="1134" w:footer="1701" w:gutter="0"/></w:sectPr>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{"".join(body)}{sect}</w:body></w:document>'
    return xml, nums


def table(rows):
    cells = "".join(
        "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="4819" w:type="dxa"/></w:tcPr>{para(run(c), "Masthead")}</w:tc>' for c in row) + "</w:tr>"
        for row in rows
    )
    return f'<w:tbl><w:tblPr><w:tblW w:w="9638" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="4819"/><w:gridCol w:w="4819"/></w:tblGrid>{cells}</w:tbl>'


def masthead_table(un, symbol, names, distr):
    def cell(paragraphs, width):
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc>'
    names = [para(run(n), "Masthead") for n in names]
    right = [latin_para(run(l), "Masthead") for l in distr]
    rows = (
        f'<w:tr>{cell([para(run(un), "Masthead")], 5669)}{cell([latin_para(run(symbol), "Masthead")], 3969)}</w:tr>'
        f'<w:tr>{cell(names, 5669)}{cell(right, 3969)}</w:tr>'
    )
    # An Arabic masthead reads from the right: the organization's name
    # there, the symbol at the left.
    bidi = "<w:bidiVisual/>" if RIGHT_TO_LEFT else ""
    return (f'<w:tbl><w:tblPr>{bidi}<w:tblW w:w="9638" w:type="dxa"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="5669"/><w:gridCol w:w="3969"/></w:tblGrid>{rows}</w:tbl>')


def text_box(lines):
    inner = "".join(para(run(l), "Distr") for l in lines)
    box = f"<w:txbxContent>{inner}</w:txbxContent>"
    return ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>{box}</wps:txbx></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')


REVISION = 'w:id="{}" w:author="Secretariat" w:date="2016-01-01T00:00:00Z"'


def featured(n, text):
    """Paragraph `n` written with the Word features that must read as the
    plain text: the same words, reached another way."""
    number = run(f"{n}.") + '<w:r><w:tab/></w:r>'
    ppr = hanging(NUM, NUM - TEXT)
    words = text.split(" ")
    head, tail = " ".join(words[:4]) + " ", " ".join(words[4:])
    if n == 2:
        # Deleted and inserted text, and a footnote reference.
        return [para(number + run(head)
                     + f'<w:del {REVISION.format(1)}><w:r><w:delText xml:space="preserve">must not fail to </w:delText></w:r></w:del>'
                     + f'<w:ins {REVISION.format(2)}>{run(tail)}</w:ins>'
                     + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
                     "SingleTxt", ppr)]
    if n == 3:
        # A field: its code is not text, its result is.
        return [para(number + run(head)
                     + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY Approach \\* MERGEFORMAT </w:instrText></w:r>'
                     + f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(tail)}<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                     "SingleTxt", ppr)]
    if n == 4:
        # Text moved from the end of the paragraph to its middle.
        return [para(number + run(head)
                     + f'<w:moveTo {REVISION.format(3)}>{run(tail)}</w:moveTo>'
                     + f'<w:moveFrom {REVISION.format(4)}>{run(" " + tail)}</w:moveFrom>',
                     "SingleTxt", ppr)]
    if n == 5:
        # The paragraph was two, joined by deleting the first one's mark;
        # an earlier numbering stays in the change record.
        mark = f'<w:rPr><w:del {REVISION.format(5)}/></w:rPr>'
        change = f'<w:pPrChange {REVISION.format(6)}><w:pPr>{numpr(1, 0)}</w:pPr></w:pPrChange>'
        return [para(number + run(head), "SingleTxt", ppr + mark),
                para(run(tail), "SingleTxt", ppr + change)]
    if n == 6:
        # A simple field whose result is the words.
        return [para(number + run(head) + f'<w:fldSimple w:instr=" QUOTE Cooperation ">{run(tail)}</w:fldSimple>', "SingleTxt", ppr)]
    return [para(number + run(text), "SingleTxt", ppr)]


def numbering(report, nums):
    lang = report["lang"]
    fmt = "(%1)" if lang == "en" else "%1)"
    sub = "(%2)" if lang == "en" else "%2)"
    abstract = (
        # Paragraph numbers, tied to the NumPara style.
        '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="NumPara"/>'
        f'<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{NUM}"/></w:tabs><w:ind w:left="{NUM}" w:hanging="{NUM - TEXT}"/></w:pPr></w:lvl>'
        '</w:abstractNum>'
        # Items and their sub-items.
        '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="{fmt}"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{ITEM}"/></w:tabs><w:ind w:left="{ITEM}" w:hanging="{ITEM - NUM}"/></w:pPr></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="{sub}"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{SUB}"/></w:tabs><w:ind w:left="{SUB}" w:hanging="{SUB - ITEM}"/></w:pPr></w:lvl>'
        '</w:abstractNum>'
    )
    instances = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    for n in nums:
        instances += (f'<w:num w:numId="{n}"><w:abstractNumId w:val="2"/>'
                      '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W}>{abstract}{instances}</w:numbering>'


# The faces and language tags of the run defaults: Arabic text is set in
# the complex-script face (Amiri, from fonts-hosny-amiri) at the same size,
# Chinese in the East Asian one (AR PL UMing, from fonts-arphic-uming).
DEFAULTS = {
    "ar": ('<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Amiri"/>',
           '<w:lang w:val="en-GB" w:bidi="ar-SA"/>'),
    "zh": ('<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:eastAsia="AR PL UMing CN" w:cs="Liberation Serif"/>',
           '<w:lang w:val="en-GB" w:eastAsia="zh-CN"/>'),
}


def styles(lang):
    def style(sid, ppr, rpr="", based="Normal"):
        if lang == "ar":
            # Right-to-left runs take the complex-script size.
            rpr = re.sub(r'<w:sz w:val="(\d+)"/>', r'<w:sz w:val="\1"/><w:szCs w:val="\1"/>', rpr)
            rpr = rpr.replace("<w:b/>", "<w:b/><w:bCs/>")
        return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid}"/><w:basedOn w:val="{based}"/>'
                f'<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')
    text = f'<w:spacing w:after="120" w:line="240" w:lineRule="atLeast"/><w:ind w:left="{TEXT}" w:right="1134"/><w:jc w:val="both"/>'
    fonts, language = DEFAULTS.get(lang, ('<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/>',
                                          '<w:lang w:val="en-GB"/>'))
    size = '<w:sz w:val="20"/><w:szCs w:val="20"/>' if lang == "ar" else '<w:sz w:val="20"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
        f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}'
        f'{size}{language}</w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        + style("SingleTxt", text)
        + style("NumPara", f'{numpr(1, 0)}<w:spacing w:after="120"/><w:ind w:left="{NUM}" w:right="1134" w:hanging="{NUM - TEXT}"/><w:jc w:val="both"/>')
        + style("Masthead", '<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs><w:spacing w:after="120"/>', '<w:sz w:val="24"/>')
        + style("Distr", '<w:ind w:left="7371"/>')
        + style("Title", f'<w:keepNext/><w:spacing w:before="360" w:after="240"/><w:ind w:left="{TEXT}" w:right="1134"/>', '<w:b/><w:sz w:val="28"/>')
        + style("HChG", f'<w:keepNext/><w:tabs><w:tab w:val="left" w:pos="{NUM}"/></w:tabs><w:spacing w:before="360" w:after="240"/><w:ind w:left="{TEXT}"/>', '<w:b/><w:sz w:val="28"/>')
        + style("H1G", f'<w:keepNext/><w:tabs><w:tab w:val="left" w:pos="{NUM}"/></w:tabs><w:spacing w:before="240" w:after="120"/><w:ind w:left="{TEXT}"/>', '<w:b/><w:sz w:val="24"/>')
        + style("Foot", '<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs>', '<w:sz w:val="16"/>')
        + '</w:styles>'
    )


def header(report):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W}>'
            f'<w:p><w:pPr><w:pStyle w:val="Foot"/></w:pPr>{run(report["symbol"])}</w:p></w:hdr>')


def footer(report):
    page = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W}>'
            f'<w:p><w:pPr><w:pStyle w:val="Foot"/></w:pPr>{run(report["job"])}<w:r><w:tab/></w:r>{page}</w:p></w:ftr>')


def first_footer(report):
    barcode = "*" + report["job"][2:].replace("-", "") + "*"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W}>'
            f'<w:p><w:pPr><w:pStyle w:val="Foot"/></w:pPr>{run(report["job"] + " (" + report["letter"] + ")")}</w:p>'
            f'<w:p><w:pPr><w:pStyle w:val="Foot"/></w:pPr>{run(barcode)}</w:p></w:ftr>')


def empty_header():
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W}><w:p/></w:hdr>'


def write_docx(path, report):
    xml, nums = document(report)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
        '<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
        '<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
        '<Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>'
        '<Relationship Id="rIdFooterFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
        '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
        '</Relationships>',
        "word/document.xml": xml,
        "word/styles.xml": styles(report["lang"]),
        "word/numbering.xml": numbering(report, nums),
        "word/header1.xml": header(report),
        "word/footer1.xml": footer(report),
        "word/header2.xml": empty_header(),
        "word/footer2.xml": first_footer(report),
        "word/footnotes.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{run(" A note that is not part of the recommendation.")}</w:p></w:footnote></w:footnotes>',
    }
    # Fixed timestamps: the same script gives the same bytes.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content.encode("utf-8"))


# ---------------------------------------------------------------------------

def need(tool, package):
    if shutil.which(tool) is None:
        sys.exit(f"error: {tool} not found; install {package} (tools/setup-system.sh check)")


def main():
    need("soffice", "libreoffice-writer")
    need("pdftotext", "poppler-utils")
    only = sys.argv[1:]
    for name, build in REPORTS.items():
        if only and name not in only:
            continue
        report = build()
        global RIGHT_TO_LEFT
        RIGHT_TO_LEFT = report["lang"] == "ar"
        folder = os.path.join(OUT, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "plain.txt"), "w", encoding="utf-8") as f:
            f.write(plain(report))
        docx = os.path.join(folder, "report.docx")
        write_docx(docx, report)
        if name in WORD_ONLY:
            print(f"{folder}: plain.txt report.docx")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", "pdf", "--outdir", tmp, docx],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            pdf = os.path.join(folder, "report.pdf")
            # LibreOffice stamps the time of printing: keep the text layer
            # only, which is what the tests read.
            shutil.copy(os.path.join(tmp, "report.pdf"), pdf)
        for mode in ["default", "layout", "raw"]:
            args = ["pdftotext", "-enc", "UTF-8"] + ([] if mode == "default" else [f"-{mode}"])
            subprocess.run(args + [pdf, os.path.join(folder, f"{mode}.txt")], check=True)
        print(f"{folder}: plain.txt report.docx report.pdf default.txt layout.txt raw.txt")
        if name in FRAGMENTS:
            fragment(report, folder, FRAGMENTS[name])


def fragment(report, folder, dropped):
    """The three texts without the pages in `dropped` (counted from 1), and
    the paragraph numbers of recommendations that start on a kept page, as
    the -raw text shows them: what a reader of the fragment can give."""
    recommended = set()
    for numeral, title, blocks in numbered(report):
        if title.lower().startswith("recommendations"):
            for block in blocks:
                if block[0] == "para" and not block[2].startswith("At its"):
                    recommended.add(block[1])
    for mode in ["default", "layout", "raw"]:
        with open(os.path.join(folder, f"{mode}.txt"), encoding="utf-8") as f:
            pages = f.read().split("\f")
        kept = [p for i, p in enumerate(pages, 1) if i not in dropped]
        with open(os.path.join(folder, f"fragment-{mode}.txt"), "w", encoding="utf-8") as f:
            f.write("\f".join(kept))
        if mode == "raw":
            starts = {int(m) for p in kept for m in re.findall(r"(?m)^(\d+)\. ", p)}
            with open(os.path.join(folder, "fragment-expected.txt"), "w", encoding="utf-8") as f:
                f.write(f"# pages left out: {dropped}\n")
                f.write(" ".join(str(n) for n in sorted(starts & recommended)) + "\n")
    print(f"{folder}: fragment-default.txt fragment-layout.txt fragment-raw.txt fragment-expected.txt")


if __name__ == "__main__":
    main()
