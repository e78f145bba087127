/**
 * The words a site's interface writes as text of its own: a widget's title or a button
 * rendered as a block ("Comments", "Share", "Read more"), a teaser's lead-in, a copyright
 * line. The cleaning passes drop a short block that is only such a label, in English and
 * in the languages most sites that are not English are written in (German, French,
 * Spanish, Italian, Portuguese, Dutch): a German site says "Kommentare" and "Teilen"
 * where an English one says "Comments" and "Share"; the rule is the same, its words
 * differ.
 *
 * Only labels that never stand alone as a line of an article are listed: "Mehr", "Más"
 * or "Altro" alone on a line is a button; a word that is also a common heading or a name
 * (German "Thema", Italian "Stampa", the press, French "Plus", a programming language) is
 * left out.
 *
 * @module
 */

/** Labels that stand alone in a block, by language (English first, kept as it was). */
const LABELS: readonly string[] = [
  // English
  String
    .raw`comments?|advert(isement)?|ad|caption|close|tags?|share( this)?|print|email|e-mail|loading( content)?|menu|search|subscribe|highlights|text size|more|join the conversation|tell us what you think|image \d+ of \d*|photos?|video|skip to content|this slideshow requires javascript|you may also like|more stories|related( articles| stories| posts)?|don'?t miss|see more|read more|trending( now)?|most popular|advertisement - scroll to continue|leave a (comment|reply)`,
  // German
  String
    .raw`kommentare?|anzeige|werbung|schließen|teilen|drucken|suche|suchen|menü|abonnieren|mehr|mehr anzeigen|mehr lesen|weiterlesen|mehr zum thema|das könnte sie auch interessieren|ähnliche artikel|verwandte artikel|meistgelesen(e artikel)?|nicht verpassen|schlagw(orte|örter)|kommentar schreiben|zum inhalt springen|bild \d+ von \d*|wird geladen|bildergalerie`,
  // French
  String
    .raw`commentaires?|publicité|fermer|partager|imprimer|recherche(r)?|s['’]abonner|abonnez-vous|lire la suite|en savoir plus|voir plus|vous aimerez aussi|sur le même sujet|les plus lus|articles similaires|articles liés|laisser un commentaire|aller au contenu|mots-clés|chargement|image \d+ sur \d*|vidéo`,
  // Spanish
  String
    .raw`comentarios?|publicidad|anuncio|cerrar|compartir|imprimir|buscar|menú|suscríbete|más|leer más|ver más|te puede interesar|también te puede interesar|lo más leído|relacionad[oa]s|noticias relacionadas|artículos relacionados|no te lo pierdas|etiquetas|deja un comentario|ir al contenido|cargando|imagen \d+ de \d*|vídeo`,
  // Italian
  String
    .raw`commenti|commento|pubblicità|chiudi|condividi|cerca|iscriviti|altro|leggi di più|leggi tutto|potrebbe interessarti|ti potrebbe interessare|(i )?più letti|articoli correlati|lascia un commento|vai al contenuto|caricamento|immagine \d+ di \d*`,
  // Portuguese
  String
    .raw`comentários?|publicidade|fechar|compartilhar|partilhar|pesquisar|assine|mais|leia mais|saiba mais|ver mais|você também pode gostar|mais lidas|relacionad[oa]s|notícias relacionadas|deixe um comentário|ir para o conteúdo|carregando`,
  // Dutch
  String
    .raw`reacties?|reageer|advertentie|sluiten|delen|zoeken|abonneren|meer|lees meer|bekijk meer|meest gelezen|gerelateerde artikelen|laat een reactie achter|naar de inhoud`,
];

/**
 * A block that is only an interface label ("Comments", "12 Kommentare", "Partager",
 * "Bild 3 von 12"), maybe with a count before or after it.
 */
export const UI_LABEL: RegExp = new RegExp(
  String.raw`^(\d+\s+)?(${LABELS.join("|")})\W*(\d+)?$`,
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

/** A copyright line: the sign, or the words that reserve the rights, in the languages above. */
export const RIGHTS_RESERVED: RegExp =
  /©|\(c\)|copyright|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden/iu;
