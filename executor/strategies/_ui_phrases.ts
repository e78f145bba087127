/**
 * The words a site's interface writes as text of its own: a widget's title or a button
 * rendered as a block ("Comments", "Share", "Read more"), a teaser's lead-in, a copyright
 * line. The cleaning passes drop a short block that is only such a label, in English and
 * in the languages most sites that are not English are written in (German, French,
 * Spanish, Italian, Portuguese, Dutch, Polish, Russian, Turkish, Arabic, Japanese,
 * Chinese, Korean): a German site says "Kommentare" and "Teilen" where an English one
 * says "Comments" and "Share", a Japanese one "コメント" and "シェア"; the rule is the
 * same, its words differ. Each language's list holds the words its sites' templates
 * write for the labels of the English list (WordPress's "Leave a Reply" is "Schreibe
 * einen Kommentar", "Deja una respuesta", "コメントを残す"), not labels of its own.
 *
 * Only labels that never stand alone as a line of an article are listed: "Mehr", "Más"
 * or "Altro" alone on a line is a button; a word that is also a common heading or a name
 * (German "Thema", Italian "Stampa", the press, French "Plus", a programming language) is
 * left out, and so is a word that is a heading in another language (Dutch "laden", to
 * load, is a German shop; Chinese "印刷", to print, is printing, a trade; the Russian,
 * Arabic and Asian words for a menu are also a restaurant's).
 *
 * @module
 */

/** Labels that stand alone in a block, by language (English first, kept as it was). */
const LABELS: readonly string[] = [
  // English
  String
    .raw`comments?|advert(isement)?|ad|sponsored( content| by)?|in partnership with|brought to you by|caption|close|tags?|share( this)?|print|email|e-mail|loading( content)?|menu|search|subscribe|highlights|text size|more|join the conversation|tell us what you think|image \d+ of \d*|\d+ of \d+|photos?|video|skip to content|this slideshow requires javascript|you may also like|more stories|related( articles| stories| posts)?|don'?t miss|see more|read more|trending( now)?|most popular|advertisement - scroll to continue|leave a (comment|reply)|generated (by|with) ai|ai[- ]generated( by [\p{L}\p{N}.-]+)?`,
  // German
  String
    .raw`kommentare?|anzeige|werbung|gesponsert( von)?|in (zusammenarbeit|partnerschaft) mit|schließen|teilen|drucken|suche|suchen|menü|abonnieren|mehr|mehr anzeigen|mehr lesen|weiterlesen|mehr zum thema|das könnte (sie|dich) auch interessieren|weitere artikel|mehr artikel|schreibe einen kommentar|schreiben sie einen kommentar|hinterlasse einen kommentar|ähnliche artikel|verwandte artikel|meistgelesen(e artikel)?|nicht verpassen|schlagw(orte|örter)|kommentar schreiben|zum inhalt springen|bild \d+ von \d*|\d+ von \d+|wird geladen|lade|lädt|bildergalerie|schriftgröße|ki-generiert|(von|mit) ki (generiert|erstellt)`,
  // French
  String
    .raw`commentaires?|publicité|sponsorisé( par)?|en partenariat avec|fermer|partager|imprimer|recherche(r)?|s['’]abonner|abonnez-vous|lire la suite|en savoir plus|voir plus|vous aimerez (peut-être )?aussi|partager cet article|laisser une réponse|sur le même thème|passer au contenu|taille du texte|sur le même sujet|les plus lus|articles similaires|articles liés|laisser un commentaire|aller au contenu|mots-clés|chargement( en cours)?|image \d+ sur \d*|\d+ sur \d+|vidéo|généré (par|avec) (l['’])?ia`,
  // Spanish
  String
    .raw`comentarios?|publicidad|anuncio|patrocinado( por)?|en (colaboración|asociación) con|cerrar|compartir|imprimir|buscar|menú|suscríbete|más|leer más|ver más|te puede interesar|también te puede interesar|lo más leído|relacionad[oa]s|noticias relacionadas|artículos relacionados|no te lo pierdas|etiquetas|deja un comentario|ir al contenido|saltar al contenido|deja una respuesta|entradas relacionadas|lo más visto|cargando|imagen \d+ de \d*|\d+ de \d+|vídeo|generado (por|con) ia`,
  // Italian
  String
    .raw`commenti|commento|pubblicità|sponsorizzato( da)?|in collaborazione con|chiudi|condividi|cerca|iscriviti|altro|leggi di più|leggi tutto|potrebbe interessarti|ti potrebbe interessare|(i )?più letti|articoli correlati|lascia un commento|vai al contenuto|salta al contenuto|lascia una risposta|articoli simili|caricamento|immagine \d+ di \d*|\d+ di \d+|generato (da|con) (l['’])?ia`,
  // Portuguese
  String
    .raw`comentários?|publicidade|patrocinado( por)?|em parceria com|fechar|compartilhar|partilhar|pesquisar|assine|mais|leia mais|saiba mais|ver mais|você também pode gostar|mais lidas|relacionad[oa]s|notícias relacionadas|deixe um comentário|ir para o conteúdo|(pular|saltar) para o conteúdo|deixe uma resposta|(posts|artigos) relacionados|mais lidos|compartilhe|a carregar|carregando|gerado (por|com) ia`,
  // Dutch
  String
    .raw`reacties?|reageer|advertentie|gesponsord( door)?|in samenwerking met|sluiten|delen|zoeken|abonneren|meer|lees meer|bekijk meer|meest gelezen|gerelateerde artikelen|laat een reactie achter|geef een reactie|lees verder|afdrukken|(ga )?naar de inhoud|doorgaan naar (de )?inhoud|bezig met laden|afbeelding \d+ van \d*|\d+ van \d+|gegenereerd (door|met) ai`,
  // Polish
  String
    .raw`komentarz(e|y)?|reklama|sponsorowane( przez)?|we współpracy z|zamknij|udostępnij|drukuj|szukaj|wyszukaj|subskrybuj|więcej|czytaj więcej|czytaj dalej|zobacz więcej|pokaż więcej|może cię zainteresować|najczęściej czytane|najpopularniejsze|powiązane artykuły|podobne artykuły|nie przegap|tagi|dodaj komentarz|zostaw komentarz|przejdź do treści|ładowanie|wczytywanie|zdjęcie \d+ z \d*|\d+ z \d+|wygenerowan[eya] przez (ai|sztuczną inteligencję)`,
  // Russian
  String
    .raw`комментари(й|и|ев|я)|реклама|на правах рекламы|при поддержке|(партн[её]рский|спонсорский) материал|закрыть|поделиться|поиск|подписаться|ещё|еще|подробнее|читать далее|читать (ещё|еще)|показать (ещё|еще)|вам может быть интересно|вам также может понравиться|самое читаемое|самое популярное|похожие (статьи|новости)|по теме|теги|метки|оставить комментарий|добавить комментарий|написать комментарий|перейти к содержимому|загрузка|фото \d+ из \d*|\d+ из \d+|фото|видео|сгенерировано (ии|нейросетью)`,
  // Turkish (a capital İ has no simple case folding to i: both are written)
  String
    .raw`yorum(lar)?|yorum yap|yorum yaz|reklam|sponsorlu( içerik)?|[iİ]ş ?birliğiyle|kapat|paylaş|yazdır|abone ol|daha fazla|daha fazla göster|devamını oku|[iİ]lgili (haberler|yazılar)|benzer haberler|en çok okunanlar|bunları da beğenebilirsiniz|[iİ]lginizi çekebilir|etiketler|bir yanıt yazın|yorum bırakın|[iİ]çeriğe (geç|atla)|yükleniyor|fotoğraflar?|yapay zeka (ile|tarafından) oluşturuldu`,
  // Arabic (with and without the hamza, the tanween after or before the alif)
  String
    .raw`التعليقات|تعليقات|[إا]علان|برعاية|محتوى (مدعوم|برعاية)|[إا]غلاق|مشاركة|شارك|طباعة|بحث|اشترك|المزيد|اقرأ المزيد|عرض المزيد|مقالات ذات صلة|أخبار ذات صلة|ذات صلة|الأكثر قراءة|الأكثر مشاهدة|الوسوم|الكلمات المفتاحية|اترك تعليق(ا|اً|ًا)?|[أا]ضف تعليق(ا|اً|ًا)?|انتقل [إا]ل[ىي] المحتوى|جار(ي)? التحميل|فيديو|صور|تم [إا]نشاؤه بواسطة الذكاء الاصطناعي`,
  // Japanese
  String
    .raw`コメント|広告|スポンサーリンク|閉じる|シェア(する)?|共有(する)?|印刷する|検索|購読(する)?|もっと見る|続きを読む|さらに表示|関連記事|関連ニュース|おすすめ記事|こちらもおすすめ|人気記事|よく読まれている記事|タグ|コメントを残す|コメントする|コンテンツへスキップ|読み込み中|動画|写真|aiによ(る|り)生成`,
  // Chinese (simplified and traditional)
  String
    .raw`评论|評論|留言|广告|廣告|赞助内容|贊助內容|关闭|關閉|分享|搜索|搜尋|订阅|訂閱|更多|查看更多|阅读更多|閱讀更多|阅读全文|閱讀全文|相关(文章|阅读|推荐)|相關(文章|閱讀|推薦)|推荐阅读|推薦閱讀|热门文章|熱門文章|猜你喜欢|猜你喜歡|标签|標籤|发表评论|發表評論|发表回复|發表回覆|跳至内容|跳至內容|加载中|載入中|视频|視頻|影片|由ai生成|ai生成(内容|內容)`,
  // Korean
  String
    .raw`댓글|광고|협찬|닫기|공유(하기)?|인쇄|검색|구독(하기)?|더 ?보기|자세히 보기|관련 ?(기사|글)|많이 본 기사|인기 기사|태그|댓글 남기기|답글 남기기|콘텐츠로 건너뛰기|본문 바로가기|로딩 중|동영상|사진|ai가 생성함|ai ?생성 (콘텐츠|요약)`,
];

/**
 * A block that is only an interface label ("Comments", "12 Kommentare", "Partager",
 * "Bild 3 von 12", a gallery's bare position "1 of 24", the stamp a shop sets under its
 * machine-written summary of reviews or a caption under a machine-made picture,
 * "Generated by AI", "AI generated by ChatGPT", "KI-generiert"), maybe with a count before or
 * after it, in the digits of any script ("التعليقات ١٢"). What may follow the label
 * before the count is anything but letters and digits of any script (a colon, an
 * arrow, an icon's character): a Cyrillic, Arabic or CJK word after a label is more
 * text, not a mark ("Поделиться мнением" is a heading, "Поделиться:" a label).
 */
export const UI_LABEL: RegExp = new RegExp(
  String.raw`^[\s\u2010-\u2015•·-]*(\p{Nd}+\s+)?(${LABELS.join("|")})[^\p{L}\p{N}]*(\p{Nd}+)?$`,
  "iu",
);

/**
 * A heading that names a comment section, maybe with its count ("Kommentare (6)",
 * "Leserkommentare", "Diskussion", "Ihre Meinung", "12 Comments", "Commentaires : 3", "Komentarze",
 * "Комментарии 5", "コメント"): the words of {@link UI_LABEL}'s languages for the readers'
 * comments, the plural where the singular is also a kind of article (a German "Kommentar"
 * is an opinion piece).
 */
export const COMMENTS_HEADING: RegExp = new RegExp(
  String.raw`^(\p{Nd}+\s+)?((readers?['’] )?comments|discussion|(leser|nutzer)?kommentare|` +
    String.raw`diskussion|commentaires|comentarios|commenti|comentários|reacties|komentarze|` +
    // The readers' say, as news sites title it: "Ihre Meinung", "Vos réactions".
    String.raw`(ihre|deine|eure) meinung|vos réactions|vos commentaires|tu opinión|su opinión|` +
    String.raw`la (tua|vostra) opinione|(uw|jouw) mening|have your say|` +
    String
      .raw`комментарии|yorumlar|التعليقات|تعليقات|コメント|评论|評論|댓글)[\s:(（]*(\p{Nd}+)?[)）]?$`,
  "iu",
);

/**
 * Labels of {@link UI_LABEL} that a page also writes as a heading of its own text: a
 * heading "Highlights" over a list of a course's or a product's key points is a section
 * of the text, where the same word set as a box's caption (a news page's "HIGHLIGHTS"
 * over its summary lines) or as a widget's title is the layout's.
 */
export const SECTION_LABEL: RegExp = /^highlights[^\p{L}\p{N}]*$/iu;

/**
 * The title of a forum's standing boxes under its lists of topics and posts, written by
 * its software in the board's language (phpBB, MyBB, vBulletin, SMF): who is online
 * ("Wer ist online?", "Qui est en ligne ?", "Kto jest online") and what a visitor may do
 * in the forum ("Berechtigungen in diesem Forum", "Forum permissions").
 */
export const FORUM_STANDING_BOX: RegExp = new RegExp(
  String.raw`^(who('s| is) online|online users|wer ist online|qui est en ligne|` +
    String.raw`quién está (en línea|conectado)|chi c['’]è in linea|chi è online|` +
    String.raw`wie is er online|kto jest (online|na forum)|quem está (online|ligado)|` +
    String.raw`кто (сейчас )?(на форуме|онлайн)|forum permissions|permissions in this forum|` +
    String.raw`berechtigungen in diesem forum|permissions du forum|` +
    String.raw`permisos del foro|permessi del forum|uprawnienia na (tym )?forum)[\s?？:]*$`,
  "iu",
);

/**
 * A short block that opens as a teaser or a promotion does ("Read more", "See also: …").
 * English only: truths in other languages keep their "read also" lines (an Italian news
 * page's "Leggi anche" with the linked title under it), so the lead-ins were not carried
 * over.
 */
export const TEASER: RegExp =
  /^(read more|related|see also|more:|also read|read also|recommended|watch:|listen:|click here|sign up|subscribe|follow us|share this|advertisement|story continues below|continue reading)/i;

/**
 * A copyright line: the sign, or the words that reserve the rights, in the languages
 * above (Japanese sites forbid copying without leave, "無断転載を禁じます", where others
 * reserve their rights).
 */
export const RIGHTS_RESERVED: RegExp = new RegExp(
  [
    String.raw`©|\(c\)|copyright|all rights reserved|alle rechte vorbehalten|tous droits réservés`,
    "todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados",
    "alle rechten voorbehouden|wszelkie prawa zastrzeżone|все права защищены",
    "tüm hakları saklıdır|جميع الحقوق محفوظة|無断転載|版权所有|版權所有|모든 권리 보유|무단 ?전재",
  ].join("|"),
  "iu",
);

/**
 * The words a sign-up box's line or button asks the reader to subscribe with, in the
 * languages above that are not English (English writes "sign up", "subscribe"): German
 * "Jetzt abonnieren", French "Abonnez-vous", Spanish "Suscríbete", Italian "Iscriviti",
 * Portuguese "Inscreva-se", Dutch "Schrijf je in", Polish "Zapisz się", Russian
 * "Подпишитесь", Turkish "Abone olun", Arabic "اشتركوا". Only the forms
 * that address the reader, an imperative or a button's infinitive: "iscritti" (the
 * members) or "Abonnenten" (the subscribers) is a word of the text.
 */
export const SUBSCRIBE_CALL: string = [
  "abonnier(en|e)?|abonnez-vous|abonne-toi|inscrivez-vous|inscris-toi|s['’]abonner",
  "suscr[ií]be(te|se)|suscribirse|inscr[ií]bete|reg[ií]strate|iscriviti|iscrivetevi",
  "inscreva-se|assine|subscreva|abonneer|schrijf (je|u) in|meld (je|u) aan",
  "zapisz się|zasubskrybuj|subskrybuj",
  // Russian, Turkish, Arabic (the Arabic "اشترك" alone is also "took part": only with "now"
  // or a mailing after it, or in the plural that addresses readers).
  "подпишитесь|подписывайтесь|подписаться|abone ol(un)?",
  "اشترك الآن|اشتركوا|اشترك في (النشرة|نشرتنا)",
].join("|");

/**
 * A call to follow the site or share its page, as a line opens with it ("Follow us on",
 * "Share this article"), in the languages above that are not English: German "Folge uns",
 * French "Suivez-nous", "Partagez cet article", Spanish "Síguenos", Italian "Seguici",
 * Portuguese "Siga-nos", Dutch "Volg ons", Polish "Obserwuj nas", Russian "Следите за
 * нами", Turkish "Bizi takip edin", Arabic "تابعونا على"; and the pointer to a link, "Hier
 * klicken", "Cliquez ici", "Haz clic aquí", "Clicca qui", "Klik hier", "Нажмите здесь",
 * "Buraya tıklayın", "اضغط هنا". Chinese, Japanese and Korean write no space after such a
 * call, so a call is not told from the word it opens there, and none is listed.
 */
export const FOLLOW_CALL: string = [
  "folg(e|en sie) uns|suivez-nous|síguenos|seguici|siga-nos|volg ons|obserwuj nas",
  "teile (diesen|den) (artikel|beitrag)|partagez cet article|comparte (este|el) artículo",
  "condividi (questo|l['’])\\s?articolo|compartilhe (este|esse) artigo|deel dit (artikel|bericht)",
  "udostępnij (ten )?artykuł|hier klicken|klicken sie hier|klicke hier|cliquez ici|clique ici",
  "ha(z|ga) clic aquí|pulsa aquí|clicca qui|clique aqui|klik hier|kliknij (tutaj|tu)",
  // Russian, Turkish, Arabic.
  "следите за нами|подписывайтесь на нас|поделитесь (этой )?(статьей|новостью)",
  "нажмите (здесь|сюда)|bizi takip edin|bu (haberi|yazıyı) paylaş(ın)?|buraya tıkla(yın)?",
  "تابعونا على|تابعنا على|شارك (هذا المقال|هذه المقالة)|اضغط هنا|انقر هنا",
].join("|");
