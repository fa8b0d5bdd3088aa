"""Hand-written police-style texts in 23 languages, with slots for a place and a number.

Every text has at least eight words once hashtags, mentions and URLs are removed, so a language detector has
enough to work on. Only `question` texts contain a question mark; nothing else may (the simulator's truth
counts public questions by the '?' the way tweetathon does).
"""

from __future__ import annotations

# kind -> list of templates. Slots: {place} (a city), {n} (a small number), {hour} (a clock time).
TEXTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "patrol": ["Officers on foot patrol in {place} town centre this morning, talking to shop owners about "
                   "keeping their premises safe.",
                   "Response team has attended {n} calls in {place} since {hour}, including a minor collision "
                   "and a lost child who is now home safe."],
        "appeal": ["We are appealing for witnesses after a bicycle was stolen near the station in {place} "
                   "around {hour}, please call us if you saw anything."],
        "advice": ["Please remember to lock your car and keep valuables out of sight, most thefts in {place} "
                   "happen to unlocked vehicles."],
        "animals": ["Meet our police dog Max, who found a missing man in {place} woods last night after a long "
                    "search.",
                    "Our mounted section horses are out on patrol in {place} today, come and say hello to them "
                    "in the park."],
        "comment": ["Thank you for everything you do, the officers in {place} were very kind to my family "
                    "last week."],
        "question": ["How do I report a car that has been parked outside my house in {place} for weeks?",
                     "Can anyone join the police as a volunteer, and what training would I need to do?"],
        "answer": ["Thanks for asking, you can report it online or call the non emergency number and an "
                   "officer will look into it."],
        "complaint": ["Nobody came when I reported the burglary in {place}, really disappointed with the "
                      "response.",
                      "Terrible service in {place} last night, we waited two hours and nobody turned up."],
    },
    "nl": {
        "patrol": ["Agenten lopen vanochtend surveillance in het centrum van {place} en praten met "
                   "winkeliers over veiligheid.",
                   "Het noodhulpteam heeft sinds {hour} al {n} meldingen in {place} afgehandeld, waaronder een "
                   "kleine aanrijding."],
        "appeal": ["Wij zoeken getuigen van een fietsdiefstal bij het station van {place} rond {hour}, neem "
                   "contact met ons op als u iets hebt gezien."],
        "advice": ["Doe uw auto altijd op slot en laat geen waardevolle spullen zichtbaar liggen, dat "
                   "voorkomt veel inbraken in {place}."],
        "animals": ["Dit is onze politiehond Bram, die gisteravond in de bossen bij {place} een vermiste man "
                    "heeft gevonden.",
                    "De bereden politie is vandaag met de paarden in {place} op pad, kom gerust even gedag "
                    "zeggen in het park."],
        "comment": ["Bedankt voor jullie werk, de agenten in {place} waren vorige week erg vriendelijk tegen "
                    "mijn familie."],
        "question": ["Hoe kan ik een auto melden die al weken voor mijn huis in {place} geparkeerd staat?",
                     "Kan iedereen als vrijwilliger bij de politie aan de slag en welke opleiding heb je "
                     "daarvoor nodig?"],
        "answer": ["Dank voor uw vraag, u kunt dit online melden of het algemene nummer bellen, dan kijkt een "
                   "collega ernaar."],
    },
    "fr": {
        "patrol": ["Nos policiers patrouillent à pied ce matin dans le centre de {place} et discutent avec "
                   "les commerçants du quartier.",
                   "Depuis {hour}, l'équipe d'intervention a traité {n} appels à {place}, dont un petit "
                   "accident de la route."],
        "appeal": ["Nous recherchons des témoins après le vol d'un vélo près de la gare de {place} vers "
                   "{hour}, merci de nous contacter."],
        "advice": ["Pensez à toujours fermer votre voiture à clé et à ne laisser aucun objet de valeur "
                   "visible à {place}."],
        "animals": ["Voici notre chien policier Rex, qui a retrouvé hier soir une personne disparue dans les "
                    "bois près de {place}.",
                    "Les chevaux de la police montée sont en patrouille à {place} aujourd'hui, venez leur dire "
                    "bonjour au parc."],
        "comment": ["Merci pour tout ce que vous faites, les agents de {place} ont été très gentils avec ma "
                    "famille la semaine dernière."],
        "question": ["Comment signaler une voiture qui est garée devant chez moi à {place} depuis des "
                     "semaines ?",
                     "Est-ce que tout le monde peut devenir policier bénévole et quelle formation faut-il "
                     "suivre ?"],
        "answer": ["Merci pour votre question, vous pouvez le signaler en ligne ou appeler le numéro non "
                   "urgent, un agent s'en occupera."],
    },
    "es": {
        "patrol": ["Nuestros agentes patrullan a pie esta mañana por el centro de {place} y hablan con los "
                   "comerciantes del barrio.",
                   "Desde las {hour} la unidad de respuesta ha atendido {n} avisos en {place}, entre ellos un "
                   "pequeño accidente de tráfico."],
        "appeal": ["Buscamos testigos del robo de una bicicleta junto a la estación de {place} hacia las "
                   "{hour}, por favor contacte con nosotros."],
        "advice": ["Recuerde cerrar siempre su coche con llave y no dejar objetos de valor a la vista en "
                   "{place}."],
        "animals": ["Os presentamos a Toby, nuestro perro policía, que encontró anoche a un hombre "
                    "desaparecido en el monte cerca de {place}.",
                    "Los caballos de la policía montada patrullan hoy por {place}, venid a saludarlos en el "
                    "parque."],
        "comment": ["Gracias por todo lo que hacéis, los agentes de {place} fueron muy amables con mi familia "
                    "la semana pasada."],
        "question": ["¿Cómo puedo denunciar un coche que lleva semanas aparcado delante de mi casa en {place}?",
                     "¿Cualquier persona puede colaborar como voluntario con la policía y qué formación "
                     "necesita?"],
        "answer": ["Gracias por preguntar, puede denunciarlo en la web o llamar al teléfono de atención y un "
                   "agente lo revisará."],
    },
    "ca": {
        "patrol": ["Els nostres agents patrullen a peu aquest matí pel centre de {place} i parlen amb els "
                   "botiguers del barri.",
                   "Des de les {hour} la unitat de resposta ha atès {n} avisos a {place}, entre ells un petit "
                   "accident de trànsit."],
        "appeal": ["Busquem testimonis del robatori d'una bicicleta a prop de l'estació de {place} cap a les "
                   "{hour}, si us plau truqueu-nos."],
        "advice": ["Recordeu tancar sempre el cotxe amb clau i no deixar objectes de valor a la vista a "
                   "{place}."],
        "animals": ["Us presentem en Bruc, el nostre gos policia, que ahir a la nit va trobar un home "
                    "desaparegut al bosc de {place}.",
                    "Els cavalls de la policia muntada patrullen avui per {place}, veniu a saludar-los al "
                    "parc."],
        "comment": ["Gràcies per tot el que feu, els agents de {place} van ser molt amables amb la meva "
                    "família la setmana passada."],
        "question": ["Com puc denunciar un cotxe que fa setmanes que està aparcat davant de casa meva a "
                     "{place}?",
                     "Qualsevol persona pot col·laborar com a voluntari amb la policia i quina formació "
                     "necessita?"],
        "answer": ["Gràcies per la pregunta, ho podeu denunciar al web o trucar al telèfon d'atenció i un "
                   "agent ho revisarà."],
    },
    "eu": {
        "patrol": ["Gure agenteak oinez dabiltza gaur goizean {place} erdialdean, auzoko dendariekin "
                   "segurtasunaz hizketan.",
                   "Erantzun taldeak {n} dei artatu ditu {place} hirian {hour} geroztik, horien artean "
                   "trafiko istripu txiki bat."],
        "appeal": ["Lekukoak behar ditugu {place} geltokiaren ondoan {hour} aldera bizikleta bat lapurtu "
                   "zutelako, mesedez deitu iezaguzu."],
        "advice": ["Gogoratu beti autoa giltzaz ixtea eta balio handiko gauzak ez uztea bistan {place} "
                   "kaleetan."],
        "animals": ["Hau da Beltz gure polizia txakurra, atzo gauean {place} inguruko basoan galdutako gizon "
                    "bat aurkitu zuena.",
                    "Zaldizko poliziaren zaldiak gaur {place} kaleetan dabiltza, etorri parkera haiei agur "
                    "esatera."],
        "comment": ["Eskerrik asko egiten duzuen guztiagatik, {place} hiriko agenteak oso atseginak izan "
                    "ziren nire familiarekin."],
        "question": ["Nola salatu dezaket {place} hirian nire etxe aurrean asteak daramatzan auto bat?",
                     "Edonork lan egin dezake poliziarekin boluntario gisa eta zer prestakuntza behar da "
                     "horretarako?"],
        "answer": ["Eskerrik asko galderagatik, webgunean salatu dezakezu edo arreta zenbakira deitu eta "
                   "agente batek begiratuko du."],
    },
    "et": {
        "patrol": ["Meie politseinikud patrullivad täna hommikul jalgsi {place} kesklinnas ja räägivad "
                   "poepidajatega turvalisusest.",
                   "Reageerimisüksus on alates kella {hour} lahendanud {place} linnas {n} väljakutset, "
                   "nende hulgas ühe väikese liiklusõnnetuse."],
        "appeal": ["Otsime tunnistajaid, kes nägid jalgratta vargust {place} jaama lähedal umbes kell "
                   "{hour}, palun võtke meiega ühendust."],
        "advice": ["Pange oma auto alati lukku ja ärge jätke väärtuslikke asju nähtavale, nii hoiate ära "
                   "enamiku vargusi {place} linnas."],
        "animals": ["Tutvustame teile meie politseikoera Muki, kes leidis eile õhtul {place} lähedal metsast "
                    "kadunud mehe.",
                    "Ratsapolitsei hobused on täna {place} tänavatel patrullis, tulge pargis neile tere "
                    "ütlema."],
        "comment": ["Aitäh kõige eest, mida te teete, {place} politseinikud olid eelmisel nädalal minu "
                    "perega väga lahked."],
        "question": ["Kuidas ma saan teatada autost, mis on juba mitu nädalat minu maja ees {place} "
                     "linnas seisnud?",
                     "Kas igaüks võib hakata abipolitseinikuks ja millist väljaõpet selleks vaja on?"],
        "answer": ["Aitäh küsimuse eest, sellest saab teatada veebis või helistada lühinumbril ja "
                   "politseinik vaatab asja üle."],
    },
    "ru": {
        "patrol": ["Сегодня утром наши полицейские патрулируют центр города {place} и беседуют с "
                   "владельцами магазинов о безопасности.",
                   "С {hour} группа реагирования приняла в городе {place} уже {n} вызовов, среди них одно "
                   "небольшое дорожное происшествие."],
        "appeal": ["Мы ищем свидетелей кражи велосипеда возле вокзала в городе {place} около {hour}, "
                   "пожалуйста, свяжитесь с нами."],
        "advice": ["Всегда закрывайте машину на ключ и не оставляйте ценные вещи на виду, так вы "
                   "предотвратите большинство краж."],
        "animals": ["Знакомьтесь, это наша служебная собака Рекс, которая вчера вечером нашла пропавшего "
                    "мужчину в лесу возле города {place}.",
                    "Лошади конной полиции сегодня патрулируют улицы города {place}, приходите в парк "
                    "поздороваться с ними."],
        "comment": ["Спасибо за вашу работу, полицейские города {place} были очень внимательны к моей "
                    "семье на прошлой неделе."],
        "question": ["Как сообщить о машине, которая уже несколько недель стоит возле моего дома в "
                     "городе {place}?",
                     "Может ли любой человек стать добровольным помощником полиции и какое обучение для "
                     "этого нужно?"],
        "answer": ["Спасибо за вопрос, об этом можно сообщить на сайте или по справочному номеру, и "
                   "полицейский всё проверит."],
    },
    "is": {
        "patrol": ["Lögreglumenn eru á göngueftirliti í miðbæ {place} í morgun og ræða við verslunareigendur "
                   "um öryggi.",
                   "Viðbragðsteymið hefur sinnt {n} útköllum í {place} síðan klukkan {hour}, þar á meðal "
                   "litlum árekstri."],
        "appeal": ["Við leitum að vitnum að reiðhjólaþjófnaði við stöðina í {place} um klukkan {hour}, "
                   "vinsamlegast hafið samband við okkur."],
        "advice": ["Munið alltaf að læsa bílnum og skiljið aldrei verðmæti eftir sjáanleg, þannig komum "
                   "við í veg fyrir þjófnað."],
        "animals": ["Hér er lögregluhundurinn okkar Kolur, sem fann týndan mann í skóginum við {place} í "
                    "gærkvöldi eftir langa leit.",
                    "Hestar lögreglunnar eru á eftirliti í {place} í dag, komið endilega og heilsið upp á "
                    "þá í garðinum."],
        "comment": ["Takk fyrir allt sem þið gerið, lögreglumennirnir í {place} voru mjög góðir við "
                    "fjölskylduna mína í síðustu viku."],
        "question": ["Hvernig get ég tilkynnt bíl sem hefur staðið fyrir utan húsið mitt í {place} í "
                     "margar vikur?",
                     "Geta allir gerst sjálfboðaliðar hjá lögreglunni og hvaða þjálfun þarf maður að fá?"],
        "answer": ["Takk fyrir spurninguna, þú getur tilkynnt þetta á vefnum okkar eða hringt í okkur og "
                   "lögreglumaður skoðar málið."],
    },
    "sw": {
        "patrol": ["Maafisa wetu wanafanya doria kwa miguu asubuhi hii katikati ya mji wa {place} na "
                   "kuzungumza na wafanyabiashara.",
                   "Kikosi cha dharura kimeshughulikia simu {n} mjini {place} tangu saa {hour}, ikiwemo "
                   "ajali ndogo ya barabarani."],
        "appeal": ["Tunatafuta mashahidi wa wizi wa baiskeli karibu na kituo cha {place} mnamo saa {hour}, "
                   "tafadhali wasiliana nasi mara moja."],
        "advice": ["Tafadhali kumbuka kufunga gari lako kila wakati na usiache vitu vya thamani vikionekana "
                   "ndani ya gari."],
        "animals": ["Huyu ni mbwa wetu wa polisi Simba, aliyempata mtu aliyepotea msituni karibu na {place} "
                    "jana usiku.",
                    "Farasi wa polisi wanafanya doria mjini {place} leo, njooni kwenye bustani kuwasalimia "
                    "na kupiga picha."],
        "comment": ["Asanteni kwa kazi yenu nzuri, maafisa wa {place} walikuwa wema sana kwa familia yangu "
                    "wiki iliyopita."],
        "question": ["Ninawezaje kuripoti gari ambalo limeegeshwa nje ya nyumba yangu huko {place} kwa wiki "
                     "kadhaa?",
                     "Je, mtu yeyote anaweza kujitolea kufanya kazi na polisi na mafunzo gani yanahitajika?"],
        "answer": ["Asante kwa swali lako, unaweza kuripoti mtandaoni au kupiga simu kwa namba yetu na afisa "
                   "atalishughulikia."],
    },
    "af": {
        "patrol": ["Ons beamptes patrolleer vanoggend te voet in die middestad van {place} en gesels met "
                   "winkeleienaars oor veiligheid.",
                   "Die reaksiespan het sedert {hour} reeds {n} oproepe in {place} hanteer, insluitend 'n "
                   "klein motorbotsing."],
        "appeal": ["Ons soek getuies van 'n fietsdiefstal naby die stasie in {place} omstreeks {hour}, kontak "
                   "ons asseblief as jy iets gesien het."],
        "advice": ["Onthou om altyd jou motor te sluit en moet nooit waardevolle goed sigbaar in die motor "
                   "laat nie."],
        "animals": ["Ontmoet ons polisiehond Bliksem, wat gisteraand 'n vermiste man in die bos naby {place} "
                    "gevind het.",
                    "Die perde van die berede polisie is vandag op patrollie in {place}, kom groet hulle "
                    "gerus in die park."],
        "comment": ["Baie dankie vir alles wat julle doen, die polisie in {place} was verlede week baie "
                    "vriendelik met my familie."],
        "question": ["Hoe kan ek 'n motor aanmeld wat al weke lank voor my huis in {place} geparkeer staan?",
                     "Kan enigeen as vrywilliger by die polisie aansluit en watter opleiding het 'n mens "
                     "nodig?"],
        "answer": ["Dankie vir die vraag, jy kan dit aanlyn aanmeld of ons nommer bel en 'n beampte sal "
                   "daarna kyk."],
    },
    "zu": {
        "patrol": ["Amaphoyisa ethu enza uhambo lokuqapha ngezinyawo namhlanje ekuseni enkabeni yedolobha "
                   "lase {place}.",
                   "Ithimba lokusabela selisebenze izingcingo ezingu {n} e {place} kusukela ngo {hour}, "
                   "kuhlanganise nengozi encane yemoto."],
        "appeal": ["Sifuna ofakazi bokwebiwa kwebhayisikili eduze kwesiteshi sase {place} ngo {hour}, "
                   "sicela nisithinte uma nibone okuthile."],
        "advice": ["Khumbula ukukhiya imoto yakho njalo futhi ungashiyi izinto ezibalulekile zibonakala "
                   "ngaphakathi emotweni."],
        "animals": ["Hlangana nenja yethu yamaphoyisa uNdlovu, ethole indoda ebilahlekile ehlathini eduze "
                    "kwase {place} izolo ebusuku.",
                    "Amahhashi amaphoyisa asemsebenzini wokuqapha e {place} namhlanje, wozani nizowabingelela "
                    "epaki."],
        "comment": ["Siyabonga kakhulu ngomsebenzi wenu omuhle, amaphoyisa ase {place} abenomusa kakhulu "
                    "emndenini wami."],
        "question": ["Ngingayibika kanjani imoto esimise amasonto amaningi phambi kwendlu yami e {place}?",
                     "Ingabe noma ubani angasebenza namaphoyisa njengevolontiya futhi kudingeka uqeqesho "
                     "luni?"],
        "answer": ["Siyabonga ngombuzo wakho, ungakubika ku inthanethi noma ushayele inombolo yethu futhi "
                   "iphoyisa lizokubheka."],
    },
    "mi": {
        "patrol": ["Kei te hīkoi ā mātou pirihimana i te pokapū o {place} i tēnei ata, e kōrero ana ki ngā "
                   "kaipupuri toa.",
                   "Kua tae atu te rōpū urupare ki ngā waea {n} i {place} mai i te {hour}, tae atu ki tētahi "
                   "tukinga motukā iti."],
        "appeal": ["E rapu ana mātou i ngā kaiwhakaatu mō te tahae paihikara i te taha o te teihana o "
                   "{place} i te {hour}, tēnā whakapā mai."],
        "advice": ["Kia maumahara ki te raka i tō motukā i ngā wā katoa, ā, kaua e waiho ngā taonga utu nui "
                   "kia kitea."],
        "animals": ["Anei tā mātou kurī pirihimana a Tama, nāna i kite te tangata i ngaro i te ngahere tata "
                    "ki {place} inapō.",
                    "Kei te tautiaki ngā hōiho pirihimana i {place} i tēnei rā, haere mai ki te papa rēhia ki "
                    "te mihi ki a rātou."],
        "comment": ["Tēnā koutou mō ā koutou mahi katoa, i tino atawhai ngā pirihimana o {place} ki tōku "
                    "whānau i tērā wiki."],
        "question": ["Me pēhea au e pūrongo ai i tētahi motukā kua tū ki mua i tōku whare i {place} mō ngā "
                     "wiki maha?",
                     "Ka taea e te katoa te tūao ki te taha o ngā pirihimana, ā, he aha te whakangungu e "
                     "hiahiatia ana?"],
        "answer": ["Tēnā koe mō tō pātai, ka taea e koe te pūrongo ā ipurangi, te waea mai rānei, ā, ka "
                   "titiro tētahi pirihimana."],
    },
    "cy": {
        "patrol": ["Mae ein swyddogion ar batrôl ar droed yng nghanol {place} y bore yma, yn siarad gyda "
                   "pherchnogion siopau.",
                   "Mae'r tîm ymateb wedi delio gyda {n} galwad yn {place} ers {hour}, gan gynnwys "
                   "gwrthdrawiad bach ar y ffordd."],
        "appeal": ["Rydym yn chwilio am dystion ar ôl i feic gael ei ddwyn ger yr orsaf yn {place} tua "
                   "{hour}, cysylltwch â ni os gwelwch yn dda."],
        "advice": ["Cofiwch gloi eich car bob amser a pheidiwch â gadael pethau gwerthfawr yn y golwg yn y "
                   "car."],
        "animals": ["Dyma ein ci heddlu Mot, a ddaeth o hyd i ddyn coll yn y goedwig ger {place} neithiwr ar "
                    "ôl chwilio hir.",
                    "Mae ceffylau'r heddlu allan ar batrôl yn {place} heddiw, dewch i'r parc i ddweud helo "
                    "wrthyn nhw."],
        "comment": ["Diolch am bopeth rydych chi'n ei wneud, roedd swyddogion {place} yn garedig iawn wrth fy "
                    "nheulu wythnos diwethaf."],
        "question": ["Sut ydw i'n rhoi gwybod am gar sydd wedi parcio tu allan i fy nhŷ yn {place} ers "
                     "wythnosau?",
                     "Oes modd i unrhyw un wirfoddoli gyda'r heddlu a pha hyfforddiant sydd ei angen arnyn "
                     "nhw?"],
        "answer": ["Diolch am ofyn, gallwch roi gwybod ar ein gwefan neu ein ffonio ac fe fydd swyddog yn "
                   "edrych ar y mater."],
    },
    "ga": {
        "patrol": ["Tá ár ngardaí ar patról coise i lár {place} ar maidin, ag caint le húinéirí siopaí faoi "
                   "shábháilteacht.",
                   "Tá an fhoireann freagartha tar éis freastal ar {n} glao i {place} ó {hour}, timpiste "
                   "bheag bhóthair ina measc."],
        "appeal": ["Táimid ag lorg finnéithe tar éis gur goideadh rothar gar don stáisiún i {place} thart "
                   "ar {hour}, déan teagmháil linn le do thoil."],
        "advice": ["Cuimhnigh do charr a chur faoi ghlas i gcónaí agus ná fág rudaí luachmhara le feiceáil "
                   "sa charr."],
        "animals": ["Seo é ár madra póilíneachta Bran, a d'aimsigh fear a bhí ar iarraidh sa choill gar do "
                    "{place} aréir.",
                    "Tá capaill na ngardaí amuigh ar patról i {place} inniu, tar chuig an bpáirc chun dia "
                    "duit a rá leo."],
        "comment": ["Go raibh míle maith agaibh as an obair go léir, bhí na gardaí i {place} an-chineálta le "
                    "mo theaghlach."],
        "question": ["Conas is féidir liom tuairisc a dhéanamh ar charr atá páirceáilte taobh amuigh de mo "
                     "theach i {place} le seachtainí?",
                     "An féidir le duine ar bith obair dheonach a dhéanamh leis na gardaí agus cén oiliúint "
                     "atá ag teastáil?"],
        "answer": ["Go raibh maith agat as an gceist, is féidir é a thuairisciú ar líne nó glaoch orainn "
                   "agus féachfaidh garda air."],
    },
    "de": {
        "patrol": ["Unsere Kolleginnen und Kollegen sind heute Morgen zu Fuß in der Innenstadt von {place} "
                   "unterwegs und sprechen mit Geschäftsleuten.",
                   "Der Streifendienst hat seit {hour} Uhr bereits {n} Einsätze in {place} erledigt, darunter "
                   "einen kleinen Verkehrsunfall."],
        "appeal": ["Wir suchen Zeugen eines Fahrraddiebstahls am Bahnhof in {place} gegen {hour} Uhr, bitte "
                   "melden Sie sich bei uns."],
        "advice": ["Schließen Sie Ihr Auto immer ab und lassen Sie keine Wertsachen sichtbar liegen, so "
                   "verhindern Sie die meisten Diebstähle."],
        "animals": ["Das ist unser Polizeihund Rocky, der gestern Abend im Wald bei {place} einen vermissten "
                    "Mann gefunden hat.",
                    "Unsere Reiterstaffel ist heute mit den Pferden in {place} unterwegs, kommen Sie im Park "
                    "vorbei und sagen Sie hallo."],
        "comment": ["Danke für alles, was ihr tut, die Polizisten in {place} waren letzte Woche sehr "
                    "freundlich zu meiner Familie."],
        "question": ["Wie kann ich ein Auto melden, das seit Wochen vor meinem Haus in {place} parkt?",
                     "Kann jeder bei der Polizei ehrenamtlich mitarbeiten und welche Ausbildung braucht man "
                     "dafür?"],
        "answer": ["Danke für die Frage, Sie können das online melden oder uns anrufen, dann kümmert sich "
                   "eine Kollegin darum."],
    },
    "fi": {
        "patrol": ["Poliisimme partioivat tänä aamuna jalan {place} keskustassa ja juttelevat kauppiaiden "
                   "kanssa turvallisuudesta.",
                   "Hälytysyksikkö on hoitanut kello {hour} jälkeen jo {n} tehtävää {place} alueella, "
                   "mukana yksi pieni kolari."],
        "appeal": ["Etsimme silminnäkijöitä polkupyörävarkaudelle {place} aseman lähellä noin kello {hour}, "
                   "ottakaa yhteyttä meihin."],
        "advice": ["Muistakaa aina lukita autonne ja älkää jättäkö arvotavaroita näkyville, se estää "
                   "useimmat varkaudet."],
        "animals": ["Tässä on poliisikoiramme Tuli, joka löysi eilen illalla kadonneen miehen metsästä "
                    "{place} läheltä.",
                    "Ratsupoliisin hevoset partioivat tänään {place} kaduilla, tulkaa puistoon "
                    "tervehtimään niitä."],
        "comment": ["Kiitos kaikesta mitä teette, {place} poliisit olivat viime viikolla todella "
                    "ystävällisiä perheelleni."],
        "question": ["Miten voin ilmoittaa autosta, joka on ollut pysäköitynä taloni eteen {place} jo "
                     "viikkoja?",
                     "Voiko kuka tahansa toimia vapaaehtoisena poliisin kanssa ja millaista koulutusta "
                     "siihen tarvitaan?"],
        "answer": ["Kiitos kysymyksestä, voit ilmoittaa asiasta verkossa tai soittaa meille, ja poliisi "
                   "selvittää asian."],
    },
    "sv": {
        "patrol": ["Våra poliser går fotpatrull i centrala {place} i morse och pratar med butiksägare om "
                   "säkerheten.",
                   "Insatsstyrkan har sedan klockan {hour} hanterat {n} larm i {place}, bland annat en "
                   "mindre trafikolycka."],
        "appeal": ["Vi söker vittnen till en cykelstöld vid stationen i {place} runt klockan {hour}, hör "
                   "gärna av dig till oss."],
        "advice": ["Kom ihåg att alltid låsa bilen och lämna aldrig värdesaker synliga, det förhindrar de "
                   "flesta stölderna."],
        "animals": ["Här är vår polishund Kaj, som i går kväll hittade en försvunnen man i skogen utanför "
                    "{place}.",
                    "Ridande polisen är ute med hästarna i {place} i dag, kom gärna till parken och hälsa "
                    "på dem."],
        "comment": ["Tack för allt ni gör, poliserna i {place} var väldigt vänliga mot min familj förra "
                    "veckan."],
        "question": ["Hur anmäler jag en bil som har stått parkerad utanför mitt hus i {place} i flera "
                     "veckor?",
                     "Kan vem som helst bli volontär hos polisen och vilken utbildning behöver man i så "
                     "fall?"],
        "answer": ["Tack för frågan, du kan anmäla det på nätet eller ringa oss så tittar en polis på "
                   "saken."],
    },
    "da": {
        "patrol": ["Vores betjente går fodpatrulje i midtbyen i {place} her til morgen og snakker med "
                   "butiksejerne om tryghed.",
                   "Beredskabet har siden klokken {hour} klaret {n} opkald i {place}, heriblandt et mindre "
                   "færdselsuheld."],
        "appeal": ["Vi leder efter vidner til et cykeltyveri ved stationen i {place} omkring klokken {hour}, "
                   "kontakt os venligst."],
        "advice": ["Husk altid at låse din bil og lad aldrig værdigenstande ligge synligt, det forhindrer de "
                   "fleste tyverier."],
        "animals": ["Her er vores politihund Bamse, som i aftes fandt en forsvundet mand i skoven ved "
                    "{place}.",
                    "Politiets heste er på patrulje i {place} i dag, kom forbi parken og sig hej til dem."],
        "comment": ["Tak for alt hvad I gør, betjentene i {place} var meget venlige over for min familie i "
                    "sidste uge."],
        "question": ["Hvordan anmelder jeg en bil, der har holdt parkeret foran mit hus i {place} i flere "
                     "uger?",
                     "Kan alle blive frivillige hos politiet og hvilken uddannelse skal man have for at "
                     "hjælpe?"],
        "answer": ["Tak for spørgsmålet, du kan anmelde det på nettet eller ringe til os, så kigger en "
                   "betjent på det."],
    },
    "nb": {
        "patrol": ["Våre politifolk går fotpatrulje i sentrum av {place} i morges og snakker med "
                   "butikkeierne om trygghet.",
                   "Patruljen har siden klokka {hour} håndtert {n} oppdrag i {place}, blant annet et mindre "
                   "trafikkuhell."],
        "appeal": ["Vi ser etter vitner til et sykkeltyveri ved stasjonen i {place} rundt klokka {hour}, "
                   "vennligst ta kontakt med oss."],
        "advice": ["Husk alltid å låse bilen din og la aldri verdisaker ligge synlig, det hindrer de fleste "
                   "tyveriene."],
        "animals": ["Her er politihunden vår Bjørn, som i går kveld fant en savnet mann i skogen ved "
                    "{place}.",
                    "Politiets hester er ute på patrulje i {place} i dag, kom gjerne til parken og hils på "
                    "dem."],
        "comment": ["Takk for alt dere gjør, politifolkene i {place} var veldig hyggelige mot familien min "
                    "forrige uke."],
        "question": ["Hvordan melder jeg fra om en bil som har stått parkert utenfor huset mitt i {place} i "
                     "flere uker?",
                     "Kan hvem som helst bli frivillig hos politiet og hvilken opplæring trenger man da?"],
        "answer": ["Takk for spørsmålet, du kan melde fra på nett eller ringe oss, så ser en politibetjent "
                   "på saken."],
    },
    "it": {
        "patrol": ["I nostri agenti sono di pattuglia a piedi stamattina nel centro di {place} e parlano con "
                   "i commercianti della zona.",
                   "Dalle {hour} la squadra di pronto intervento ha gestito {n} chiamate a {place}, tra cui un "
                   "piccolo incidente stradale."],
        "appeal": ["Cerchiamo testimoni del furto di una bicicletta vicino alla stazione di {place} verso le "
                   "{hour}, per favore contattateci."],
        "advice": ["Ricordate di chiudere sempre l'auto a chiave e di non lasciare oggetti di valore in "
                   "vista dentro la macchina."],
        "animals": ["Vi presentiamo Argo, il nostro cane poliziotto, che ieri sera ha ritrovato un uomo "
                    "scomparso nel bosco vicino a {place}.",
                    "I cavalli della polizia a cavallo sono di pattuglia oggi a {place}, venite a salutarli "
                    "nel parco."],
        "comment": ["Grazie per tutto quello che fate, gli agenti di {place} sono stati gentilissimi con la "
                    "mia famiglia."],
        "question": ["Come posso segnalare un'auto parcheggiata da settimane davanti a casa mia a {place}?",
                     "Chiunque può fare volontariato con la polizia e quale formazione serve per "
                     "cominciare?"],
        "answer": ["Grazie per la domanda, potete segnalarlo online oppure chiamare il nostro numero e un "
                   "agente se ne occuperà."],
    },
    "pt": {
        "patrol": ["Os nossos agentes estão a patrulhar a pé esta manhã no centro de {place} e a conversar "
                   "com os comerciantes.",
                   "Desde as {hour} a equipa de intervenção já atendeu {n} chamadas em {place}, incluindo um "
                   "pequeno acidente de viação."],
        "appeal": ["Procuramos testemunhas do furto de uma bicicleta junto à estação de {place} por volta "
                   "das {hour}, por favor contacte-nos."],
        "advice": ["Lembre-se de trancar sempre o carro e de nunca deixar objetos de valor à vista dentro "
                   "do veículo."],
        "animals": ["Apresentamos o Faísca, o nosso cão polícia, que ontem à noite encontrou um homem "
                    "desaparecido no mato perto de {place}.",
                    "Os cavalos da polícia montada estão hoje de patrulha em {place}, venham cumprimentá-los "
                    "no parque."],
        "comment": ["Obrigado por tudo o que fazem, os agentes de {place} foram muito simpáticos com a minha "
                    "família."],
        "question": ["Como posso denunciar um carro que está estacionado há semanas à porta da minha casa em "
                     "{place}?",
                     "Qualquer pessoa pode ser voluntária na polícia e que formação é preciso fazer "
                     "primeiro?"],
        "answer": ["Obrigado pela pergunta, pode denunciar no nosso site ou ligar para o nosso número e um "
                   "agente vai verificar."],
    },
    "pl": {
        "patrol": ["Nasi policjanci patrolują dziś rano pieszo centrum miasta {place} i rozmawiają z "
                   "właścicielami sklepów o bezpieczeństwie.",
                   "Od godziny {hour} patrol interwencyjny obsłużył już {n} zgłoszeń w mieście {place}, w "
                   "tym drobną kolizję drogową."],
        "appeal": ["Szukamy świadków kradzieży roweru w pobliżu dworca w mieście {place} około godziny "
                   "{hour}, prosimy o kontakt."],
        "advice": ["Pamiętajcie, aby zawsze zamykać samochód i nie zostawiać cennych rzeczy na widoku, to "
                   "zapobiega kradzieżom."],
        "animals": ["Poznajcie naszego psa policyjnego Reksa, który wczoraj wieczorem odnalazł zaginionego "
                    "mężczyznę w lesie koło miasta {place}.",
                    "Konie policji konnej patrolują dziś ulice miasta {place}, przyjdźcie do parku się z "
                    "nimi przywitać."],
        "comment": ["Dziękuję za waszą pracę, policjanci z miasta {place} byli bardzo mili dla mojej rodziny "
                    "w zeszłym tygodniu."],
        "question": ["Jak mogę zgłosić samochód, który od tygodni stoi zaparkowany przed moim domem w "
                     "mieście {place}?",
                     "Czy każdy może zostać wolontariuszem w policji i jakie szkolenie jest do tego "
                     "potrzebne?"],
        "answer": ["Dziękujemy za pytanie, można to zgłosić przez internet albo zadzwonić do nas, a "
                   "policjant to sprawdzi."],
    },
}

LANGUAGES: tuple[str, ...] = tuple(TEXTS)

# Texts for the chat and the live feed (English).
CHAT_THEMES: tuple[str, ...] = (
    "Neighbourhood policing", "Online safety for young people", "Road safety in winter", "Mental health and "
    "policing", "Recruiting volunteers", "Tackling burglary", "Rural crime", "Hate crime reporting")
CHAT_QUESTIONS: tuple[str, ...] = (
    "What does good {theme} look like where you live, and who should lead it",
    "Which single change would make the biggest difference to {theme} in your area",
    "How should forces measure whether their work on {theme} is actually succeeding",
    "What is the best example of partnership working on {theme} you have seen",
    "What one thing will you do differently about {theme} after tonight's discussion",
)
CHAT_ANSWERS: tuple[str, ...] = (
    "In our area officers who stay on the same beat for years build the trust that makes this work.",
    "Honestly the biggest difference comes from listening to residents before deciding on any new plan.",
    "We measure it by asking people regularly whether they feel safer, not only by counting crimes.",
    "The best example I know is a joint team of police, council and schools meeting every single week.",
    "I will share tonight's ideas with my team and try the simplest one in the next month.",
)
CHAT_OFFTOPIC: tuple[str, ...] = (
    "Looking forward to the chat this Thursday, the theme sounds really useful for our team.",
    "Great discussion again this week, thank you to everyone who took part and shared ideas.",
)
INCIDENTS: tuple[str, ...] = (
    "Call about a man shouting in the street in {place}, officers are attending now.",
    "Report of a burglary at a house in {place}, the owners came home to find a window forced.",
    "Concern for welfare of an elderly woman in {place}, officers found her safe and well at home.",
    "Two cars in a minor collision on the main road in {place}, nobody is hurt but there are delays.",
    "Shoplifting reported at a supermarket in {place}, a teenager has been detained by security staff.",
    "Noise complaint about a loud party in {place}, officers have asked the residents to turn it down.",
    "Missing child reported in {place} has been found safe at a friend's house, thank you for sharing.",
    "A dog has been found wandering on the bypass near {place}, officers are trying to find the owner.",
)
RESIDENT_REPLIES: tuple[str, ...] = (
    "Really interesting to see what you deal with all day, thank you for all the hard work.",
    "I had no idea how many calls you get, keep up the good work out there tonight.",
)
RESIDENT_QUESTIONS: tuple[str, ...] = (
    "How many officers are actually on duty across the whole of Greater Manchester tonight?",
    "Do you get many calls like this one on a normal weekday evening in the city?",
)
FEED_ANSWERS: tuple[str, ...] = (
    "Good question, it changes through the day but we have several hundred officers out on patrol now.",
    "More than you might think, a large part of our calls are not crimes at all but people needing help.",
)


# What each template says, by kind and template index (the same in every language: the templates are
# translations of one another). Police posts: (purpose, themes), themes as in tweetathon's catalogue of themes.
# The public's posts: sentiment. The simulator's truth counts these; it never asks tweetathon's classifiers.
POLICE_LABELS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "patrol": [("engage", ("community_events",)), ("inform", ("incident_response",))],
    "appeal": [("appeal", ("appeal",))],
    "advice": [("inform", ("crime_prevention",))],
    "animals": [("engage", ("police_animals", "missing_person")), ("engage", ("police_animals",))],
    "answer": [("engage", ())],  # a participant answering a resident's question: conversation
}
PUBLIC_SENTIMENT: dict[str, list[str]] = {
    "comment": ["positive"],
    "question": ["neutral", "neutral"],
    "complaint": ["negative", "negative"],
}
