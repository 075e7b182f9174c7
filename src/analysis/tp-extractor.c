/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-extractor"

#include "config.h"

#include <string.h>

#include "tp-date-resolver.h"
#include "tp-extractor.h"
#include "tp-fold.h"
#include "tp-quote-scanner.h"
#include "tp-sentence-splitter.h"
#include "tp-trie.h"

/* Statement extraction is a sieve of deterministic rules, most precise
 * first (see DESIGN.md). The body is turned into an array of characters
 * and its folded twin once; quotations, sentences, speaker mentions and
 * speech cues are each found in one pass over it, and the attribution
 * rules then work sentence by sentence, looking only at the mentions and
 * cues of that sentence, so the whole run is linear in the body. */

struct _TpExtractor
{
  GObject    parent_instance;

  TpLexicon *lexicon;
  /* Every phrase the analysis looks for, in one trie so that each word of
   * the body is walked once: payload = PhraseKind << KIND_SHIFT | index,
   * the index being into the lexicon's aliases, cues or topics, or a
   * PronounKind. */
  TpTrie    *phrases;
  GHashTable *topic_index;
};

G_DEFINE_TYPE (TpExtractor, tp_extractor, G_TYPE_OBJECT)

typedef enum
{
  PRONOUN_HONORIFIC,  /* "ông", "bà": a pronoun, or an honorific before a name */
  PRONOUN_PERSON,     /* "ông này", "he", "the spokesman" */
  PRONOUN_PLURAL,     /* "they", "họ", "phía này": a body or a country */
} PronounKind;

/* A pronoun's payload: its kind, the gender it names and its language. */
#define PRONOUN(kind, gender, lang) ((kind) | ((gender) << 2) | ((lang) << 4))
#define PRONOUN_KIND(p) ((p) & 3)
#define PRONOUN_GENDER(p) (((p) >> 2) & 3)
#define PRONOUN_LANG(p) (((p) >> 4) & 3)
#define PRONOUN_ROLE(p) ((p) >> 6)
#define ROLE_NOUN(gender, lang, role) (PRONOUN (PRONOUN_PERSON, gender, lang) | ((role) << 6))

/* What a role noun ("the spokesman", "người phát ngôn này") asks of the
 * role of the actor it names, in the words of the actors' roles. */
typedef enum
{
  ROLE_ANY,
  ROLE_SPOKESPERSON,
  ROLE_MINISTER,
  ROLE_PRESIDENT,
  ROLE_AMBASSADOR,
  ROLE_PRESS_SECRETARY,
  ROLE_ADVISER,
  ROLE_ENVOY,
  ROLE_PRIME_MINISTER,
  N_ROLES
} RoleNoun;

static const char *role_words[N_ROLES][2] = {
  { NULL }, { "spokes", "press secretary" }, { "minister" }, { "president" }, { "ambassador" },
  { "press secretary" }, { "adviser" }, { "envoy" }, { "prime minister" },
};

typedef enum
{
  LANG_ANY,
  LANG_VI,
  LANG_EN,
  LANG_OTHER,
} Lang;

typedef enum
{
  KIND_ALIAS,
  KIND_PRONOUN,
  KIND_TITLE,     /* a title or honorific that precedes a name */
  KIND_CUE,
  KIND_KEYWORD,
  N_KINDS
} PhraseKind;

#define KIND_SHIFT 24
#define PAYLOAD(kind, index) (((guint) (kind) << KIND_SHIFT) | (index))
#define PAYLOAD_KIND(p) ((p) >> KIND_SHIFT)
#define PAYLOAD_INDEX(p) ((p) & ((1u << KIND_SHIFT) - 1))

/* The longest phrase of one kind that starts at a word. */
typedef struct
{
  gsize start;
  gsize end;
  guint first;    /* into Run.hit_payloads */
  guint count;
  guint kind;
} PhraseHit;

typedef enum
{
  MENTION_ACTOR,      /* a registry actor, by alias or role */
  MENTION_PERSON,     /* a person outside the registry */
  MENTION_PRONOUN,    /* a pronoun or role noun */
} MentionKind;

typedef struct
{
  gsize                 start;
  gsize                 end;
  MentionKind           kind;
  gsize                 written; /* start of the speaker as written, with a title */
  gboolean              role;    /* named by a title alone */
  gboolean              person;
  TpGender              gender;  /* from the actor, an honorific or a pronoun */
  guint                 pronoun; /* for MENTION_PRONOUN: its PRONOUN() payload */
  const TpLexiconActor *actor;
  char                 *name;    /* for MENTION_PERSON: the name as resolved */
} Mention;

typedef struct
{
  gsize                 start;
  gsize                 end;
  TpCueType             type;
  const char           *text;    /* lexicon form */
} Cue;

typedef struct
{
  char                 *written;
  const TpLexiconActor *actor;
  gboolean              person;
  TpGender              gender;
  double                confidence;
} Speaker;

/* One cue of a sentence that has a speaker. */
typedef struct
{
  const Cue *cue;
  Speaker    speaker;
  gsize      region;       /* where the speaker's part begins: clauses before end here */
  gsize      separator;    /* the comma or mark before the speaker's part */
  gsize      tail;         /* first character after the cue (and an inverted speaker) */
  gboolean   continuation; /* shares the subject of the cue before it */
  gboolean   source;       /* a "theo X" / "according to X" frame */
  gsize      source_end;   /* for a source: end of the speaker phrase */
  gboolean   quoting;      /* a source's verb follows its speaker ("quoted X as saying") */
} CueUse;

typedef struct
{
  TpExtractor    *self;
  TpArticle      *article;
  Lang            language;   /* of the article; LANG_ANY when unknown */
  const gunichar *text;
  gunichar       *folded;
  gsize           len;
  GArray         *quotes;     /* TpQuote */
  GArray         *top;        /* TpQuote, depth 0 only */
  gboolean       *claimed;    /* per top quote */
  GArray         *sentences;  /* TpSpan */
  GArray         *mentions;   /* Mention */
  GArray         *cues;       /* Cue */
  GHashTable     *surnames;      /* folded surname → full name, outside the registry */
  GPtrArray      *statements;
  GArray         *hits;          /* PhraseHit, by start then kind */
  GArray         *hit_payloads;  /* guint */

  /* The speaker of the cue before in the same sentence, if any. */
  const Speaker  *recent_in_sentence;
  /* The last attributed speaker, for pronouns and bare quotes. */
  Speaker         last_speaker;
  guint           last_speaker_paragraph;
  gsize           last_speaker_end;   /* in the segment */
  gboolean        have_last_speaker;
  /* Statements of the sentence before, for consecutive quotes. */
  Speaker         prev_sentence_speaker;
  gboolean        have_prev_sentence_speaker;
  guint           prev_sentence_paragraph;
} Run;

/* Lower-case word lists used by the attribution rules. Vietnamese words
 * keep their marks: "đó" (that) is not "do" (because). */
static const char *connector_words[] = {
  "và", "nhưng", "đồng thời", "còn", "cũng", "rồi", "sau đó", "trong khi", "tuy nhiên",
  "and", "but", "while", "also", "then", "however", "mà còn",
};
static const char *lead_blockers[] = {
  "mà", "của", "về", "với", "cho", "từ", "đến", "như", "là", "bị", "được", "nếu", "vì",
  "of", "about", "with", "which", "who", "whom", "that", "to", "from", "for", "by", "than",
  "whose", "if", "because",
};
static const char *negations[] = {
  "không", "chưa", "chẳng", "chả", "not", "never", "didn't", "doesn't", "won't", "wouldn't",
  "n't",
};
/* Speech verbs that are also nouns, and the words that make them nouns. */
static const char *noun_cues[] = {
  "tuyên bố", "phát biểu", "bình luận", "nhận định", "cảnh báo", "đề xuất", "thông báo",
  "cam kết", "đề nghị", "chỉ trích", "cáo buộc", "nhận xét", "đánh giá", "kêu gọi",
  "yêu cầu", "bày tỏ",
  "claims", "claim", "warning", "warnings", "says", "statement", "comments", "remarks",
  "stated", "promised", "called", "noted",
};
static const char *noun_before_vi[] = {
  "mọi", "các", "những", "một", "lời", "bản", "cuộc", "bài", "sự", "nhiều", "vài", "loạt",
  "nhân", "câu", "đợt",
};
static const char *noun_before_en[] = {
  "the", "a", "an", "his", "her", "their", "its", "these", "those", "such", "our", "my",
  "your", "whose", "so", "well",
};
/* Words of a time adverbial right after a speech verb ("said on Thursday
 * it would…", "cho biết hôm thứ Năm (6/3) rằng"): heads open one, the
 * other words continue it. */
static const char *time_heads[] = {
  "on", "late", "early", "earlier", "last", "yesterday", "today", "monday", "tuesday",
  "wednesday", "thursday", "friday", "saturday", "sunday", "hôm", "vào", "sáng", "chiều",
  "tối", "đêm", "trưa",
};
/* "tuần trước", "tháng qua" open one too, but "ngày 20/3" after the verb
 * is more often the day of what is announced than of the announcement. */
static const char *time_heads_before_past[] = { "tuần", "tháng" };
static const char *time_past[] = { "trước", "qua" };
static const char *time_words[] = {
  "on", "late", "early", "earlier", "last", "yesterday", "today", "monday", "tuesday",
  "wednesday", "thursday", "friday", "saturday", "sunday", "this", "week", "month",
  "night", "morning", "afternoon", "evening", "weekend", "hôm", "vào", "sáng", "chiều",
  "tối", "đêm", "trưa", "ngày", "tuần", "tháng", "hồi", "cuối", "qua", "nay", "trước",
  "này", "thứ", "chủ", "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};
/* Words that only continue a time adverbial after "thứ" / "chủ". */
static const char *weekday_numbers[] = { "hai", "ba", "tư", "năm", "sáu", "bảy", "nhật" };
/* Time words that alone make no adverbial ("said on", "vào"). */
static const char *time_weak[] = { "on", "late", "early", "last", "this", "vào", "hồi", "cuối" };
static const char *noun_after[] = {
  "của", "này", "đó", "ấy", "trên", "chung", "viên", "of",
};
static const char *passive_before[] = {
  "được", "bị", "is", "was", "were", "are", "be", "been", "being",
};
/* Words that go on with a subject after an attribution set in commas:
 * "Russia, he said, would never…", "Nga, theo ông Peskov, sẽ không…". */
static const char *subject_continuations[] = {
  "would", "will", "must", "should", "could", "can", "may", "might", "is", "was", "are",
  "were", "has", "had", "have", "does", "did", "remains", "needs", "wants", "sẽ", "phải",
  "đã", "đang", "không", "cần", "có", "vẫn", "chưa", "là", "khó", "nên", "chỉ", "muốn",
};
static const char *frame_prepositions[] = {
  "in", "at", "during", "after", "following", "via", "through", "trong", "tại", "sau",
};
static const char *that_words[] = { "rằng", "that", "что", "що" };
static const char *date_words[] = {
  "hôm", "ngày", "vào", "sáng", "chiều", "tối", "đêm", "tuần", "tháng", "năm", "trước",
  "qua", "nay", "thứ", "on", "in", "at", "last", "this", "monday", "tuesday", "wednesday",
  "thursday", "friday", "saturday", "sunday", "yesterday", "today", "earlier", "late",
  "later", "tại", "trong", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật",
};
/* Folded words that may start a date (see may_hold_date()). */
static const char *date_day_words[] = { "ngay", "sang", "trua", "chieu", "toi", "dem", "vao" };
static const char *date_en_words[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "yesterday", "today",
};
static const char *date_months[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
  "sep", "sept", "oct", "nov", "dec",
};
/* Outlets report what others said; they are no speakers: "tờ Washington
 * Post cho biết", "The Wall Street Journal said". */
static const char *outlet_before[] = {
  "tờ", "báo", "hãng", "đài", "kênh", "tạp", "trang", "tin", "thông", "tấn",
};
static const char *outlet_last[] = {
  "times", "post", "journal", "news", "independent", "pravda", "telegraph", "guardian",
  "gazette", "herald", "tribune", "agency", "magazine", "reuters", "bloomberg", "politico",
  "axios", "interfax", "tass", "novosti", "ukrinform", "cnn", "bbc", "nbc", "abc", "cbs",
  "fox", "afp", "ap",
};
/* Words after "theo" that make it "by", "under" or "following". */
static const char *source_blockers[] = {
  "giờ", "kế", "thỏa", "thoả", "hiệp", "luật", "quy", "lịch", "điều", "dự", "kịch", "mô",
  "hướng", "kiểu", "cách", "sau", "chân", "đó", "dõi", "đuổi", "sát", "yêu", "chỉ", "lệnh",
  "phong", "truyền", "mẫu", "tiêu", "tiến",
};
static const char *name_stopwords[] = {
  "the", "a", "an", "but", "and", "in", "on", "at", "however", "meanwhile", "this", "that",
  "it", "he", "she", "they", "we", "i", "after", "before", "while", "when", "as", "if",
  "his", "her", "their", "some", "many", "one", "both", "according", "trong", "sau", "theo",
  "tuy", "khi", "hai", "một", "các", "những", "nhà", "người", "ông", "bà",
};

/* Auxiliary methods */

/* The word lists are asked for every word of many clauses: each becomes a
 * hash set, keyed by the list's address, built once with the class. */
static GHashTable *word_sets;

static void
add_word_set (const char **list,
              gsize        n)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; i < n; i++)
    g_hash_table_add (set, (gpointer) list[i]);
  g_hash_table_insert (word_sets, list, set);
}

#define ADD_WORD_SET(list) add_word_set ((list), G_N_ELEMENTS (list))

static void
build_word_sets (void)
{
  word_sets = g_hash_table_new (NULL, NULL);
  ADD_WORD_SET (connector_words);
  ADD_WORD_SET (lead_blockers);
  ADD_WORD_SET (negations);
  ADD_WORD_SET (noun_cues);
  ADD_WORD_SET (noun_before_vi);
  ADD_WORD_SET (noun_before_en);
  ADD_WORD_SET (time_heads);
  ADD_WORD_SET (time_heads_before_past);
  ADD_WORD_SET (time_past);
  ADD_WORD_SET (time_words);
  ADD_WORD_SET (weekday_numbers);
  ADD_WORD_SET (time_weak);
  ADD_WORD_SET (noun_after);
  ADD_WORD_SET (passive_before);
  ADD_WORD_SET (that_words);
  ADD_WORD_SET (frame_prepositions);
  ADD_WORD_SET (subject_continuations);
  ADD_WORD_SET (date_words);
  ADD_WORD_SET (name_stopwords);
  ADD_WORD_SET (outlet_before);
  ADD_WORD_SET (source_blockers);
  ADD_WORD_SET (outlet_last);
  ADD_WORD_SET (date_day_words);
  ADD_WORD_SET (date_en_words);
  ADD_WORD_SET (date_months);
}

static GHashTable *
word_set_for (const char **list,
              gsize        n)
{
  GHashTable *set = g_hash_table_lookup (word_sets, list);

  g_assert (set != NULL);
  return set;
}

static gboolean
word_in (const char  *word,
         const char **list,
         gsize        n)
{
  if (word[0] == '\0')
    return FALSE;
  return g_hash_table_contains (word_set_for (list, n), word);
}

#define WORD_IN(w, list) word_in ((w), (list), G_N_ELEMENTS (list))

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Word starts; "It's" and "Russia’s" are one word each. */
static inline gboolean
is_word_start (const gunichar *t,
               gsize           p)
{
  if (!tp_is_word_char (t[p]))
    return FALSE;
  if (p == 0)
    return TRUE;
  if (tp_is_word_char (t[p - 1]))
    return FALSE;
  return !(p >= 2 && is_apostrophe (t[p - 1]) && tp_is_word_char (t[p - 2]));
}

/* The folded word that ends at or before @pos (skipping spaces), written to
 * @buf; returns its start, or G_MAXSIZE if there is none after @limit. */
static gsize
word_before (const Run *run,
             gsize      pos,
             gsize      limit,
             char      *buf,
             gsize      size)
{
  gsize e = pos;
  gsize s;
  gsize n = 0;

  while (e > limit && (run->text[e - 1] == ' ' || run->text[e - 1] == 0x00A0))
    e--;
  s = e;
  while (s > limit && (tp_is_word_char (run->folded[s - 1]) || run->folded[s - 1] == '\''))
    s--;
  if (s == e)
    {
      buf[0] = '\0';
      return G_MAXSIZE;
    }
  for (gsize p = s; p < e && n + 6 < size; p++)
    n += g_unichar_to_utf8 (tp_to_lower (run->text[p]), buf + n);
  buf[n] = '\0';
  return s;
}

/* The folded word that starts at or after @pos (skipping spaces). */
static gsize
word_after (const Run *run,
            gsize      pos,
            gsize      limit,
            char      *buf,
            gsize      size)
{
  gsize s = pos;
  gsize e;
  gsize n = 0;

  while (s < limit && (run->text[s] == ' ' || run->text[s] == 0x00A0))
    s++;
  e = s;
  while (e < limit && (tp_is_word_char (run->folded[e]) || run->folded[e] == '\''))
    e++;
  if (s == e)
    {
      buf[0] = '\0';
      return G_MAXSIZE;
    }
  for (gsize p = s; p < e && n + 6 < size; p++)
    n += g_unichar_to_utf8 (tp_to_lower (run->text[p]), buf + n);
  buf[n] = '\0';
  return e;
}

static char *
span_text (const Run *run,
           gsize      start,
           gsize      end)
{
  if (end <= start)
    return g_strdup ("");
  return g_ucs4_to_utf8 (run->text + start, end - start, NULL, NULL, NULL);
}

/* Number of words in [start, end). */
static guint
count_words (const Run *run,
             gsize      start,
             gsize      end)
{
  guint n = 0;

  for (gsize p = start; p < end; p++)
    if (is_word_start (run->folded, p))
      n++;
  return n;
}

static gboolean
is_upper_start (gunichar c)
{
  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

static const char *
article_date (const Run *run)
{
  const char *p = run->article->published;

  if (p != NULL && strlen (p) >= 10)
    return p;
  return NULL;
}

static Lang
language_of (const char *language)
{
  if (language == NULL || *language == '\0')
    return LANG_ANY;
  if (g_ascii_strncasecmp (language, "vi", 2) == 0)
    return LANG_VI;
  if (g_ascii_strncasecmp (language, "en", 2) == 0)
    return LANG_EN;
  return LANG_OTHER;
}

/* Whether a word of @language may be read in the article: "nói" is no cue
 * of an English article, "he" no pronoun of a Vietnamese one. Only
 * Vietnamese and English articles are restricted, since their words are
 * written in the same script. */
static gboolean
language_fits (const Run *run,
               Lang       language)
{
  if (run->language != LANG_VI && run->language != LANG_EN)
    return TRUE;
  return language == LANG_ANY || language == run->language;
}

static gboolean
role_valid_on (const TpLexiconAlias *alias,
               const char           *date)
{
  if (date == NULL)
    return alias->valid_until == NULL;
  if (alias->valid_from != NULL && strncmp (date, alias->valid_from, 10) < 0)
    return FALSE;
  if (alias->valid_until != NULL && strncmp (date, alias->valid_until, 10) >= 0)
    return FALSE;
  return TRUE;
}

static void
clear_mention (gpointer data)
{
  Mention *m = data;

  g_free (m->name);
}

static void
speaker_clear (Speaker *sp)
{
  g_clear_pointer (&sp->written, g_free);
  sp->actor = NULL;
}

static void
speaker_copy (Speaker       *dst,
              const Speaker *src)
{
  char *written;

  if (dst == src)
    return;
  written = g_strdup (src->written);
  g_free (dst->written);
  dst->written = written;
  dst->actor = src->actor;
  dst->person = src->person;
  dst->gender = src->gender;
  dst->confidence = src->confidence;
}

/* Lexicon compilation */

static gboolean
is_short_acronym (const char *alias)
{
  gsize n = 0;

  for (const char *p = alias; *p; p++, n++)
    if (!g_ascii_isupper (*p) && *p != '.')
      return FALSE;
  return n <= 4;
}

static void
compile_lexicon (TpExtractor *self)
{
  /* Pronouns and role nouns, with the gender they name where they name
   * one. */
  static const struct { const char *text; guint payload; } pronouns[] = {
    { "ông này", PRONOUN (PRONOUN_PERSON, TP_GENDER_MALE, LANG_VI) },
    { "bà này", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_VI) },
    { "ông ấy", PRONOUN (PRONOUN_PERSON, TP_GENDER_MALE, LANG_VI) },
    { "bà ấy", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_VI) },
    { "ông ta", PRONOUN (PRONOUN_PERSON, TP_GENDER_MALE, LANG_VI) },
    { "bà ta", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_VI) },
    { "vị này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "người này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "nhà lãnh đạo này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "quan chức này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "chính trị gia này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "vị quan chức này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "nhà ngoại giao này", ROLE_NOUN (TP_GENDER_UNKNOWN, LANG_VI, ROLE_ANY) },
    { "vị tướng này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "người đứng đầu này", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "người phát ngôn này", ROLE_NOUN (TP_GENDER_UNKNOWN, LANG_VI, ROLE_SPOKESPERSON) },
    { "nữ phát ngôn viên này", ROLE_NOUN (TP_GENDER_FEMALE, LANG_VI, ROLE_SPOKESPERSON) },
    { "ngài", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "nữ phát ngôn viên", ROLE_NOUN (TP_GENDER_FEMALE, LANG_VI, ROLE_SPOKESPERSON) },
    { "người phát ngôn", ROLE_NOUN (TP_GENDER_UNKNOWN, LANG_VI, ROLE_SPOKESPERSON) },
    { "phát ngôn viên", ROLE_NOUN (TP_GENDER_UNKNOWN, LANG_VI, ROLE_SPOKESPERSON) },
    { "vị ngoại trưởng", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "nữ ngoại trưởng", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_VI) },
    { "vị tổng thống", ROLE_NOUN (TP_GENDER_UNKNOWN, LANG_VI, ROLE_PRESIDENT) },
    { "nữ chính khách", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_VI) },
    { "nhà lãnh đạo", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "nhà ngoại giao", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "vị quan chức", PRONOUN (PRONOUN_PERSON, TP_GENDER_UNKNOWN, LANG_VI) },
    { "họ", PRONOUN (PRONOUN_PLURAL, TP_GENDER_UNKNOWN, LANG_VI) },
    { "phía này", PRONOUN (PRONOUN_PLURAL, TP_GENDER_UNKNOWN, LANG_VI) },
    { "he", PRONOUN (PRONOUN_PERSON, TP_GENDER_MALE, LANG_EN) },
    { "she", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_EN) },
    { "they", PRONOUN (PRONOUN_PLURAL, TP_GENDER_UNKNOWN, LANG_EN) },
    { "the spokesman", ROLE_NOUN (TP_GENDER_MALE, LANG_EN, ROLE_SPOKESPERSON) },
    { "the spokeswoman", ROLE_NOUN (TP_GENDER_FEMALE, LANG_EN, ROLE_SPOKESPERSON) },
    { "он", PRONOUN (PRONOUN_PERSON, TP_GENDER_MALE, LANG_OTHER) },
    { "она", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_OTHER) },
    { "він", PRONOUN (PRONOUN_PERSON, TP_GENDER_MALE, LANG_OTHER) },
    { "вона", PRONOUN (PRONOUN_PERSON, TP_GENDER_FEMALE, LANG_OTHER) },
  };
  static const struct { const char *text; RoleNoun role; } role_nouns_en[] = {
    { "the spokesperson", ROLE_SPOKESPERSON }, { "the minister", ROLE_MINISTER },
    { "the official", ROLE_ANY }, { "the president", ROLE_PRESIDENT },
    { "the diplomat", ROLE_ANY }, { "the envoy", ROLE_ENVOY }, { "the senator", ROLE_ANY },
    { "the general", ROLE_ANY }, { "the leader", ROLE_ANY }, { "the chancellor", ROLE_ANY },
    { "the prime minister", ROLE_PRIME_MINISTER }, { "the ambassador", ROLE_AMBASSADOR },
    { "the adviser", ROLE_ADVISER }, { "the aide", ROLE_ANY }, { "the secretary", ROLE_ANY },
    { "the top diplomat", ROLE_ANY }, { "the foreign minister", ROLE_MINISTER },
    { "the defence minister", ROLE_MINISTER }, { "the defense minister", ROLE_MINISTER },
    { "the press secretary", ROLE_PRESS_SECRETARY }, { "the commander", ROLE_ANY },
    { "the analyst", ROLE_ANY }, { "the researcher", ROLE_ANY }, { "the expert", ROLE_ANY },
    { "the mayor", ROLE_ANY }, { "the governor", ROLE_ANY }, { "the former president", ROLE_ANY },
    { "the head of state", ROLE_ANY }, { "the lawmaker", ROLE_ANY },
    { "the negotiator", ROLE_ANY },
  };
    static const char *titles[] = {
      "tổng thống", "ngoại trưởng", "thủ tướng", "bộ trưởng", "người phát ngôn",
      "phát ngôn viên", "đại sứ", "tướng", "đại tướng", "trung tướng", "thiếu tướng",
      "cố vấn", "chuyên gia", "giáo sư", "tiến sĩ", "nghị sĩ", "thượng nghị sĩ", "hạ nghị sĩ",
      "thống đốc", "thị trưởng", "chủ tịch", "phó tổng thống", "phó thủ tướng", "thứ trưởng",
      "đặc phái viên", "nhà phân tích", "nhà báo", "trợ lý", "nữ phát ngôn viên",
      "president", "minister", "spokesman", "spokeswoman", "spokesperson", "senator",
      "ambassador", "general", "gen.", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr",
      "adviser", "advisor", "analyst", "professor", "envoy", "governor", "mayor",
      "commander", "chief", "secretary", "chancellor", "prime minister", "representative",
      "rep.", "sen.", "lawmaker", "deputy", "aide", "director", "colonel", "col.", "lt.",
      "expert", "researcher", "ambassador-at-large",
    };
  GPtrArray *aliases = tp_lexicon_get_aliases (self->lexicon);
  GPtrArray *cues = tp_lexicon_get_cues (self->lexicon);
  GPtrArray *keywords = tp_lexicon_get_topic_keywords (self->lexicon);
  GPtrArray *topics = tp_lexicon_get_topics (self->lexicon);

  self->phrases = tp_trie_new ();
  for (guint i = 0; i < aliases->len; i++)
    {
      const TpLexiconAlias *a = g_ptr_array_index (aliases, i);

      tp_trie_insert (self->phrases, a->text, PAYLOAD (KIND_ALIAS, i),
                      is_short_acronym (a->text) ? TP_TRIE_EXACT_CASE : 0);
    }

  for (guint i = 0; i < cues->len; i++)
    tp_trie_insert (self->phrases, ((TpLexiconCue *) g_ptr_array_index (cues, i))->text,
                    PAYLOAD (KIND_CUE, i), 0);

  self->topic_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < topics->len; i++)
    {
      TpLexiconTopic *t = g_ptr_array_index (topics, i);

      g_hash_table_insert (self->topic_index, t->key, GUINT_TO_POINTER (i));
    }
  for (guint i = 0; i < keywords->len; i++)
    {
      const TpLexiconTerm *k = g_ptr_array_index (keywords, i);
      gpointer index;

      if (g_hash_table_lookup_extended (self->topic_index, k->topic, NULL, &index))
        tp_trie_insert (self->phrases, k->text, PAYLOAD (KIND_KEYWORD, GPOINTER_TO_UINT (index)),
                        is_short_acronym (k->text) ? TP_TRIE_EXACT_CASE : 0);
    }

  tp_trie_insert (self->phrases, "ông",
                  PAYLOAD (KIND_PRONOUN, PRONOUN (PRONOUN_HONORIFIC, TP_GENDER_MALE, LANG_VI)), 0);
  tp_trie_insert (self->phrases, "bà",
                  PAYLOAD (KIND_PRONOUN, PRONOUN (PRONOUN_HONORIFIC, TP_GENDER_FEMALE, LANG_VI)), 0);
  for (guint i = 0; i < G_N_ELEMENTS (pronouns); i++)
    tp_trie_insert (self->phrases, pronouns[i].text, PAYLOAD (KIND_PRONOUN, pronouns[i].payload), 0);
  for (guint i = 0; i < G_N_ELEMENTS (role_nouns_en); i++)
    tp_trie_insert (self->phrases, role_nouns_en[i].text,
                    PAYLOAD (KIND_PRONOUN, ROLE_NOUN (TP_GENDER_UNKNOWN, LANG_EN,
                                                      role_nouns_en[i].role)), 0);

  /* A title's payload is the gender it gives the name after it. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      TpGender gender = TP_GENDER_UNKNOWN;

      if (g_str_has_prefix (titles[i], "mr"))
        gender = TP_GENDER_MALE;
      else if (g_str_has_prefix (titles[i], "ms") || g_str_has_prefix (titles[i], "mrs")
               || g_str_has_prefix (titles[i], "nữ") || g_str_equal (titles[i], "spokeswoman"))
        gender = TP_GENDER_FEMALE;
      tp_trie_insert (self->phrases, titles[i], PAYLOAD (KIND_TITLE, gender), 0);
    }
  tp_trie_pack (self->phrases);
}

/* Phrase hits */

typedef struct
{
  gsize   end[N_KINDS];
  GArray *payloads[N_KINDS];
} WalkState;

static void
on_phrase_hit (gsize    end,
               guint    payload,
               gpointer user_data)
{
  WalkState *state = user_data;
  guint kind = PAYLOAD_KIND (payload);

  if (kind >= N_KINDS)
    return;
  /* Hits come shortest first: a longer phrase of a kind replaces the
   * shorter ones, one of the same length joins them. */
  if (end > state->end[kind])
    {
      state->end[kind] = end;
      g_array_set_size (state->payloads[kind], 0);
    }
  if (end == state->end[kind])
    {
      guint index = PAYLOAD_INDEX (payload);

      g_array_append_val (state->payloads[kind], index);
    }
}

static void
find_phrases (Run *run)
{
  WalkState state;

  for (guint k = 0; k < N_KINDS; k++)
    state.payloads[k] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (gsize p = 0; p < run->len; p++)
    {
      if (!is_word_start (run->folded, p))
        continue;
      memset (state.end, 0, sizeof state.end);
      tp_trie_walk (run->self->phrases, run->text, run->folded, run->len, p, on_phrase_hit,
                    &state);
      for (guint k = 0; k < N_KINDS; k++)
        if (state.end[k] > 0)
          {
            PhraseHit hit = { p, state.end[k], run->hit_payloads->len,
                              state.payloads[k]->len, k };

            g_array_append_vals (run->hit_payloads, state.payloads[k]->data,
                                 state.payloads[k]->len);
            g_array_append_val (run->hits, hit);
            g_array_set_size (state.payloads[k], 0);
          }
    }

  for (guint k = 0; k < N_KINDS; k++)
    g_array_unref (state.payloads[k]);
}

/* The index of the first hit that starts at or after @pos. */
static guint
first_hit_at (const Run *run,
              gsize      pos)
{
  guint lo = 0;
  guint hi = run->hits->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (run->hits, PhraseHit, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static const PhraseHit *
find_hit (const Run *run,
          gsize      pos,
          guint      kind)
{
  for (guint i = first_hit_at (run, pos); i < run->hits->len; i++)
    {
      const PhraseHit *hit = &g_array_index (run->hits, PhraseHit, i);

      if (hit->start != pos)
        break;
      if (hit->kind == kind)
        return hit;
    }
  return NULL;
}

static inline guint
hit_payload (const Run       *run,
             const PhraseHit *hit,
             guint            i)
{
  return g_array_index (run->hit_payloads, guint, hit->first + i);
}

/* Mentions */

/* A run of capitalised words starting at @pos: a name not in the registry.
 * Returns its end, or @pos if there is none. */
static gsize
capitalised_run (const Run *run,
                 gsize      pos,
                 gsize      limit,
                 guint      max_words)
{
  gsize p = pos;
  gsize end = pos;
  guint words = 0;

  while (p < limit && words < max_words && is_upper_start (run->text[p]))
    {
      gsize e = p;

      while (e < limit && (tp_is_word_char (run->text[e]) || run->text[e] == '-'
                           || run->text[e] == '\'' || run->text[e] == 0x2019
                           || (run->text[e] == '.' && e + 1 < limit && run->text[e + 1] == ' '
                               && e - p == 1)))
        e++;
      /* "I" is nobody's name: "Shall I go…", "said I". */
      if (e == p + 1 && run->text[p] == 'I')
        break;
      end = e;
      words++;
      if (e + 1 < limit && run->text[e] == ' ' && is_upper_start (run->text[e + 1]))
        p = e + 1;
      else
        break;
    }
  return end;
}

/* The canonical name of a person outside the registry: a surname alone
 * ("ông Nam", "Smith") becomes the full name mentioned earlier. */
static char *
resolve_unknown_name (Run        *run,
                      const char *name)
{
  const char *last = strrchr (name, ' ');

  if (last == NULL)
    {
      g_autofree char *folded = tp_fold_string (name, -1);
      const char *full = g_hash_table_lookup (run->surnames, folded);

      return g_strdup (full != NULL ? full : name);
    }
  g_hash_table_insert (run->surnames, tp_fold_string (last + 1, -1), g_strdup (name));
  return g_strdup (name);
}

static gboolean
match_alias (Run     *run,
             gsize    p,
             Mention *out)
{
  TpExtractor *self = run->self;
  GPtrArray *aliases = tp_lexicon_get_aliases (self->lexicon);
  const TpLexiconAlias *plain = NULL;
  const TpLexiconAlias *role = NULL;
  const TpLexiconAlias *any_role = NULL;
  const PhraseHit *hit = find_hit (run, p, KIND_ALIAS);
  gsize end;

  if (hit == NULL)
    return FALSE;
  end = hit->end;
  for (guint i = 0; i < hit->count; i++)
    {
      const TpLexiconAlias *a = g_ptr_array_index (aliases, hit_payload (run, hit, i));

      if (!a->role)
        plain = a;
      else
        {
          any_role = a;
          if (role_valid_on (a, article_date (run)))
            role = a;
        }
    }
  memset (out, 0, sizeof *out);
  out->start = p;
  out->end = end;
  out->kind = MENTION_ACTOR;
  if (plain != NULL)
    out->actor = tp_lexicon_lookup_actor (self->lexicon, plain->actor);
  else if (role != NULL)
    {
      out->actor = tp_lexicon_lookup_actor (self->lexicon, role->actor);
      out->role = TRUE;
    }
  else if (any_role != NULL)
    {
      /* A title whose holder on that date the registry does not know. */
      out->role = TRUE;
      out->person = TRUE;
      return TRUE;
    }
  out->person = out->actor != NULL && out->actor->kind == TP_ACTOR_PERSON;
  if (out->actor != NULL)
    out->gender = out->actor->gender;
  return TRUE;
}

static void
scan_mentions (Run *run)
{
  gsize consumed = 0;

  /* Mentions start where an alias, pronoun or title does. */
  for (guint hi = 0; hi < run->hits->len; hi++)
    {
      const PhraseHit *hit = &g_array_index (run->hits, PhraseHit, hi);
      gsize p = hit->start;
      Mention m;
      gsize end;

      if (p < consumed || hit->kind == KIND_CUE || hit->kind == KIND_KEYWORD)
        continue;

      if (hit->kind != KIND_TITLE && match_alias (run, p, &m))
        {
          /* A place or body followed by another capitalised word that
           * names nobody is part of a longer name: "Washington Post",
           * "Kyiv Independent", "Moscow Mayor …". */
          if (m.actor != NULL && !m.person && !m.role && m.end + 1 < run->len
              && run->text[m.end] == ' ' && is_upper_start (run->text[m.end + 1])
              && find_hit (run, m.end + 1, KIND_ALIAS) == NULL
              && find_hit (run, m.end + 1, KIND_TITLE) == NULL)
            {
              /* Unless the body is also a title: "Chuyên gia Nguyễn Văn
               * An" is an expert, named. */
              if (find_hit (run, p, KIND_TITLE) == NULL)
                consumed = m.end;
              continue;
            }
          g_array_append_val (run->mentions, m);
          consumed = m.end;
          continue;
        }

      if (hit->kind == KIND_PRONOUN)
        {
          guint pronoun = hit_payload (run, hit, 0);
          guint kind = PRONOUN_KIND (pronoun);

          if (!language_fits (run, PRONOUN_LANG (pronoun)))
            continue;
          end = hit->end;
          /* "người phát ngôn Maria Zakharova": a title before a name. */
          if (kind == PRONOUN_PERSON && end + 1 < run->len && run->text[end] == ' '
              && is_upper_start (run->text[end + 1]) && find_hit (run, p, KIND_TITLE) != NULL)
            continue;
          if (kind == PRONOUN_HONORIFIC && end + 1 < run->len && run->text[end] == ' '
              && is_upper_start (run->text[end + 1]))
            {
              /* "ông Peskov": the name that follows is the mention. */
              Mention named;

              if (!match_alias (run, end + 1, &named))
                {
                  gsize name_end = capitalised_run (run, end + 1, run->len, 5);
                  g_autofree char *name = span_text (run, end + 1, name_end);

                  memset (&named, 0, sizeof named);
                  named.start = end + 1;
                  named.end = name_end;
                  named.kind = MENTION_PERSON;
                  named.person = TRUE;
                  named.name = resolve_unknown_name (run, name);
                }
              if (named.gender == TP_GENDER_UNKNOWN)
                named.gender = PRONOUN_GENDER (pronoun);
              g_array_append_val (run->mentions, named);
              consumed = named.end;
              continue;
            }
          memset (&m, 0, sizeof m);
          m.start = p;
          m.end = end;
          m.kind = MENTION_PRONOUN;
          m.person = kind != PRONOUN_PLURAL;
          m.pronoun = pronoun;
          m.gender = PRONOUN_GENDER (pronoun);
          g_array_append_val (run->mentions, m);
          consumed = end;
          continue;
        }

      if (hit->kind == KIND_TITLE)
        {
          end = hit->end;
          if (end + 1 < run->len && run->text[end] == ' ' && is_upper_start (run->text[end + 1]))
            {
              Mention named;

              if (!match_alias (run, end + 1, &named))
                {
                  gsize name_end = capitalised_run (run, end + 1, run->len, 4);
                  g_autofree char *name = span_text (run, end + 1, name_end);

                  /* A title before a single capitalised word that is not a
                   * known surname is more often a place or a body ("Bộ
                   * trưởng Quốc phòng") than a person. */
                  if (count_words (run, end + 1, name_end) < 2 && g_hash_table_size (run->surnames) == 0)
                    {
                      consumed = end;
                      continue;
                    }
                  memset (&named, 0, sizeof named);
                  named.start = p;
                  named.end = name_end;
                  named.kind = MENTION_PERSON;
                  named.person = TRUE;
                  named.gender = hit_payload (run, hit, 0);
                  named.name = resolve_unknown_name (run, name);
                  g_array_append_val (run->mentions, named);
                  consumed = name_end;
                  continue;
                }
            }
          consumed = end;
        }
    }

  /* Title + name: a role mention followed directly by a named person is
   * one mention of that person ("Tổng thống Nga Vladimir Putin"). */
  if (run->mentions->len > 1)
    {
      guint w = 0;

      for (guint r = 0; r < run->mentions->len; r++)
        {
          Mention *cur = &g_array_index (run->mentions, Mention, r);

          if (w > 0)
            {
              Mention *prev = &g_array_index (run->mentions, Mention, w - 1);
              gboolean adjacent = cur->start == prev->end + 1 && run->text[prev->end] == ' ';

              if (adjacent && prev->kind == MENTION_ACTOR && cur->person
                  && cur->kind != MENTION_PRONOUN
                  && (prev->role || !prev->person))
                {
                  gsize start = prev->start;

                  /* A title naming nobody known defers to the name; a
                   * person outside the registry keeps the role's holder. */
                  if (cur->kind == MENTION_PERSON && prev->role && prev->actor != NULL)
                    {
                      g_clear_pointer (&cur->name, g_free);
                      cur->kind = MENTION_ACTOR;
                      cur->actor = prev->actor;
                    }
                  if (cur->gender == TP_GENDER_UNKNOWN && prev->actor == cur->actor)
                    cur->gender = prev->gender;
                  clear_mention (prev);
                  *prev = *cur;
                  prev->start = start;
                  prev->role = FALSE;
                  cur->name = NULL;   /* moved */
                  continue;
                }
            }
          if (w != r)
            {
              g_array_index (run->mentions, Mention, w) = *cur;
              cur->name = NULL;   /* moved */
            }
          w++;
        }
      g_array_set_size (run->mentions, w);
    }

  /* The speaker as written keeps a title that precedes the name by a few
   * words: "Thứ trưởng Ngoại giao Nga Sergei Ryabkov". */
  for (guint i = 0; i < run->mentions->len; i++)
    {
      Mention *m = &g_array_index (run->mentions, Mention, i);
      guint hi = first_hit_at (run, m->start > 48 ? m->start - 48 : 0);
      gsize title = G_MAXSIZE;

      m->written = m->start;
      if (!m->person || m->kind == MENTION_PRONOUN)
        continue;
      for (; hi < run->hits->len; hi++)
        {
          const PhraseHit *hit = &g_array_index (run->hits, PhraseHit, hi);

          if (hit->start >= m->start)
            break;
          if (hit->kind == KIND_TITLE && hit->end < m->start
              && count_words (run, hit->end, m->start) <= 4)
            title = hit->start;
        }
      if (title == G_MAXSIZE || (i > 0 && g_array_index (run->mentions, Mention, i - 1).end > title))
        continue;
      for (gsize p = title; p < m->start; p++)
        if (!tp_is_word_char (run->text[p]) && run->text[p] != ' ' && run->text[p] != '-')
          {
            title = G_MAXSIZE;
            break;
          }
      if (title != G_MAXSIZE)
        m->written = title;
    }
}

/* Cues */

static gboolean
in_top_quote (const Run *run,
              gsize      pos,
              guint     *qi)
{
  while (*qi < run->top->len && g_array_index (run->top, TpQuote, *qi).close < pos)
    (*qi)++;
  return *qi < run->top->len && g_array_index (run->top, TpQuote, *qi).open <= pos;
}

/* The index of the first top-level quotation that closes at or after @pos,
 * a starting cursor for in_top_quote(). */
static guint
top_quote_from (const Run *run,
                gsize      pos)
{
  guint lo = 0;
  guint hi = run->top->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (run->top, TpQuote, mid).close < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Speech verbs that are nouns or passives here: "mọi tuyên bố của",
 * "the claims", "được cho biết", "was said". */
static gboolean
cue_is_noun (const Run *run,
             const Cue *cue)
{
  char before[64];
  char after[64];
  char lower[96];
  gsize n = 0;
  gsize start;
  gboolean name;

  for (gsize p = cue->start; p < cue->end && n + 6 < sizeof lower; p++)
    n += g_unichar_to_utf8 (tp_to_lower (run->text[p]), lower + n);
  lower[n] = '\0';

  start = word_before (run, cue->start, 0, before, sizeof before);
  /* A capitalised word after another word is a name, not a determiner:
   * "Nguyễn Văn An nhận định". */
  name = start != G_MAXSIZE && start > 1 && is_upper_start (run->text[start])
         && run->text[start - 1] == ' ' && tp_is_word_char (run->folded[start - 2]);
  /* A determiner or a passive before a verb makes it a noun ("lời khẳng
   * định", "những tiết lộ", "the claims") or a passive ("được cho biết"). */
  if (WORD_IN (before, passive_before))
    return TRUE;
  if (!name && run->language != LANG_EN && WORD_IN (before, noun_before_vi))
    return TRUE;
  if (!name && run->language != LANG_VI && WORD_IN (before, noun_before_en))
    return TRUE;
  if (!WORD_IN (lower, noun_cues))
    return FALSE;
  word_after (run, cue->end, run->len, after, sizeof after);
  return WORD_IN (after, noun_after);
}

/* Speech verbs that are nouns as often ("đề xuất", "tuyên bố") need their
 * subject right before them. */
static gboolean
cue_is_noun_capable (const Run *run,
                     const Cue *cue)
{
  char lower[96];
  gsize n = 0;

  for (gsize p = cue->start; p < cue->end && n + 6 < sizeof lower; p++)
    n += g_unichar_to_utf8 (tp_to_lower (run->text[p]), lower + n);
  lower[n] = '\0';
  return WORD_IN (lower, noun_cues);
}

static void
scan_cues (Run *run)
{
  TpExtractor *self = run->self;
  GPtrArray *lexicon_cues = tp_lexicon_get_cues (self->lexicon);
  gsize blocked_until = 0;
  gsize inside_until = 0;
  guint qi = 0;

  for (guint hi = 0; hi < run->hits->len; hi++)
    {
      const PhraseHit *hit = &g_array_index (run->hits, PhraseHit, hi);
      const TpLexiconCue *lc;
      Cue cue;

      if (hit->kind != KIND_CUE || hit->start < inside_until)
        continue;
      lc = g_ptr_array_index (lexicon_cues, hit_payload (run, hit, 0));
      if (!language_fits (run, language_of (lc->language)))
        continue;
      if (lc->type == TP_CUE_NOT)
        {
          blocked_until = MAX (blocked_until, hit->end);
          continue;
        }
      if (hit->start < blocked_until || lc->type == TP_CUE_FRAME)
        continue;
      if (in_top_quote (run, hit->start, &qi))
        {
          /* Nothing said inside a quotation is a cue of the article. */
          inside_until = g_array_index (run->top, TpQuote, qi).close;
          continue;
        }
      cue.start = hit->start;
      cue.end = hit->end;
      cue.type = lc->type;
      cue.text = lc->text;
      if (cue.type == TP_CUE_VERB && cue_is_noun (run, &cue))
        continue;
      /* A speech noun right after a verb is its object: "khẳng định yêu
       * cầu Ukraine…" is what was affirmed. */
      if (cue.type == TP_CUE_VERB && run->cues->len > 0)
        {
          const Cue *before = &g_array_index (run->cues, Cue, run->cues->len - 1);

          if (before->end + 1 == cue.start && run->text[before->end] == ' '
              && cue_is_noun_capable (run, &cue))
            continue;
        }
      g_array_append_val (run->cues, cue);
    }
}

/* Speakers */

static void
speaker_from_mention (Run           *run,
                      const Mention *m,
                      Speaker       *sp)
{
  speaker_clear (sp);
  sp->actor = m->actor;
  sp->person = m->person;
  sp->gender = m->gender;
  if (m->kind == MENTION_PERSON && m->written == m->start)
    sp->written = g_strdup (m->name);
  else
    sp->written = span_text (run, m->written, m->end);
  sp->confidence = m->kind == MENTION_PERSON ? 0.85 : (m->role ? 0.9 : 0.95);
}

/* Whether only "the" stands between @pos and the start of its sentence. */
static gboolean
opens_sentence (const Run *run,
                gsize      pos)
{
  char w[64];
  gsize p = word_before (run, pos, 0, w, sizeof w);

  if (p == G_MAXSIZE || !g_str_equal (w, "the"))
    p = pos;
  while (p > 0 && (run->text[p - 1] == ' ' || run->text[p - 1] == 0x00A0))
    p--;
  return p == 0 || run->text[p - 1] == '.' || run->text[p - 1] == '\n'
         || run->text[p - 1] == '!' || run->text[p - 1] == '?';
}

static gboolean
gender_fits (TpGender want,
             TpGender have)
{
  return want == TP_GENDER_UNKNOWN || have == TP_GENDER_UNKNOWN || want == have;
}

/* Whether @actor's role is one a role noun ("the spokesman", "người phát
 * ngôn") can stand for. */
static gboolean
role_fits (const TpLexiconActor *actor,
           RoleNoun              role)
{
  g_autofree char *lower = NULL;

  if (role == ROLE_ANY || role >= N_ROLES)
    return TRUE;
  if (actor == NULL || actor->role == NULL)
    return FALSE;
  lower = g_ascii_strdown (actor->role, -1);
  for (guint i = 0; i < G_N_ELEMENTS (role_words[role]) && role_words[role][i] != NULL; i++)
    if (strstr (lower, role_words[role][i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "The spokesman added": the last registry actor whose role fits the role
 * noun, when the last speaker's does not. */
static const Mention *
nearest_in_role (const Run     *run,
                 const Mention *pron,
                 guint          mention_index)
{
  RoleNoun role = PRONOUN_ROLE (pron->pronoun);

  for (guint i = mention_index, seen = 0; i > 0 && seen < 64; i--, seen++)
    {
      const Mention *m = &g_array_index (run->mentions, Mention, i - 1);
      guint qi;

      if (m->kind != MENTION_ACTOR || !m->person || m->end > pron->start
          || !role_fits (m->actor, role) || !gender_fits (PRONOUN_GENDER (pron->pronoun), m->gender))
        continue;
      qi = top_quote_from (run, m->start);
      if (in_top_quote (run, m->start, &qi))
        continue;
      return m;
    }
  return NULL;
}

static const Mention *
nearest_fitting (const Run     *run,
                 const Mention *pron,
                 guint          mention_index)
{
  TpGender want = PRONOUN_GENDER (pron->pronoun);
  gboolean plural = PRONOUN_KIND (pron->pronoun) == PRONOUN_PLURAL;

  for (guint i = mention_index, seen = 0; i > 0 && seen < 64; i--, seen++)
    {
      const Mention *m = &g_array_index (run->mentions, Mention, i - 1);
      guint qi;

      if (m->kind == MENTION_PRONOUN || m->end > pron->start)
        continue;
      if (plural ? (m->person || m->actor == NULL) : !m->person)
        continue;
      if (!gender_fits (want, m->gender))
        continue;
      qi = top_quote_from (run, m->start);
      if (in_top_quote (run, m->start, &qi))
        continue;
      return m;
    }
  return NULL;
}

/* A pronoun or role noun names the last fitting speaker: the speaker of the
 * last statement when it is recent, else the last person mentioned; "she"
 * and "bà" never name a man, "he" and "ông" never a woman, and a person of
 * the pronoun's gender named since the last statement comes first. "They",
 * "họ" name the last body or country. */
static gboolean
resolve_pronoun (Run     *run,
                 guint    mention_index,
                 guint    paragraph,
                 Speaker *sp)
{
  const Mention *pron = &g_array_index (run->mentions, Mention, mention_index);
  TpGender want = PRONOUN_GENDER (pron->pronoun);
  const Mention *nearest;

  if (PRONOUN_KIND (pron->pronoun) == PRONOUN_PLURAL)
    {
      if (run->recent_in_sentence != NULL && !run->recent_in_sentence->person
          && run->recent_in_sentence->actor != NULL)
        {
          speaker_copy (sp, run->recent_in_sentence);
          sp->confidence = 0.8;
          return TRUE;
        }
      /* "Bộ Ngoại giao Nga cho rằng… Họ cũng cáo buộc…" */
      if (run->have_prev_sentence_speaker && !run->prev_sentence_speaker.person
          && run->prev_sentence_speaker.actor != NULL
          && run->prev_sentence_paragraph + 1 >= paragraph)
        {
          speaker_copy (sp, &run->prev_sentence_speaker);
          sp->confidence = 0.75;
          return TRUE;
        }
      /* Else a body that opens one of the sentences just before ("The
       * Kremlin rejected the plan. They said…"); "họ" after "người dân"
       * names nobody of the registry. */
      nearest = nearest_fitting (run, pron, mention_index);
      if (nearest == NULL || pron->start - nearest->end > 400
          || !opens_sentence (run, nearest->start))
        return FALSE;
      speaker_from_mention (run, nearest, sp);
      sp->confidence = 0.65;
      return TRUE;
    }

  if (PRONOUN_ROLE (pron->pronoun) != ROLE_ANY
      && !(run->have_last_speaker && run->last_speaker.actor != NULL
           && role_fits (run->last_speaker.actor, PRONOUN_ROLE (pron->pronoun))))
    {
      nearest = nearest_in_role (run, pron, mention_index);
      if (nearest != NULL)
        {
          speaker_from_mention (run, nearest, sp);
          sp->confidence = 0.7;
          return TRUE;
        }
    }

  if (run->recent_in_sentence != NULL && run->recent_in_sentence->person
      && gender_fits (want, run->recent_in_sentence->gender))
    {
      speaker_copy (sp, run->recent_in_sentence);
      sp->confidence = 0.85;
      return TRUE;
    }
  if (run->have_last_speaker && run->last_speaker.person
      && run->last_speaker_paragraph + 1 >= paragraph
      && gender_fits (want, run->last_speaker.gender))
    {
      gboolean better = FALSE;

      /* "John Smith said… Maria Zakharova spoke next. She said…" */
      if (want != TP_GENDER_UNKNOWN && run->last_speaker.gender != want)
        {
          nearest = nearest_fitting (run, pron, mention_index);
          better = nearest != NULL && nearest->gender == want
                   && nearest->start >= run->last_speaker_end;
        }
      if (!better)
        {
          speaker_copy (sp, &run->last_speaker);
          sp->confidence = 0.8;
          return TRUE;
        }
    }
  /* A person named paragraphs ago is too far for a pronoun. */
  nearest = nearest_fitting (run, pron, mention_index);
  if (nearest == NULL || pron->start - nearest->end > 1000)
    return FALSE;
  speaker_from_mention (run, nearest, sp);
  sp->confidence = 0.7;
  return TRUE;
}

/* The first mention of @mentions at or after @from (an index cursor). */
static guint
first_mention_at (const Run *run,
                  gsize      pos)
{
  guint lo = 0;
  guint hi = run->mentions->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (run->mentions, Mention, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Counts the words of [start, end) that are not part of a date or an
 * adverb of time; returns G_MAXUINT if a blocking word appears. */
static guint
filler_words (const Run   *run,
              gsize        start,
              gsize        end,
              const char **blockers,
              gsize        n_blockers)
{
  guint n = 0;
  gsize p = start;

  while (p < end)
    {
      char w[64];
      gsize e;

      if (!is_word_start (run->folded, p))
        {
          p++;
          continue;
        }
      e = word_after (run, p, end, w, sizeof w);
      if (e == G_MAXSIZE)
        break;
      if (blockers != NULL && word_in (w, blockers, n_blockers))
        return G_MAXUINT;
      if (!WORD_IN (w, date_words) && !g_ascii_isdigit (w[0]))
        n++;
      p = e;
    }
  return n;
}

/* Whether the capitalised run [start, end) names a newspaper or an agency:
 * after "tờ", "báo", "hãng tin", or ending in "Times", "Post", "News"… */
static gboolean
is_outlet (const Run *run,
           gsize      limit,
           gsize      start,
           gsize      end)
{
  char w[64];

  word_before (run, start, limit, w, sizeof w);
  if (WORD_IN (w, outlet_before))
    return TRUE;
  word_before (run, end, start, w, sizeof w);
  return WORD_IN (w, outlet_last);
}

/* Whether @pos is inside a parenthesis opened after @limit. */
static gboolean
in_parentheses (const Run *run,
                gsize      limit,
                gsize      pos)
{
  for (gsize p = pos; p > limit; p--)
    {
      if (run->text[p - 1] == ')')
        return FALSE;
      if (run->text[p - 1] == '(')
        return TRUE;
    }
  return FALSE;
}

/* A full name right before the verb is its subject even after a long
 * title ("the head of the presidential office Andriy Yermak said"), unless
 * the word before the name makes it a possessor ("của", "of"). */
static gboolean
named_right_before (const Run     *run,
                    gsize          chunk_start,
                    const Mention *m,
                    gsize          cue_start)
{
  char w[64];

  if (!m->person || m->kind == MENTION_PRONOUN || count_words (run, m->start, m->end) < 2)
    return FALSE;
  if (filler_words (run, m->end, cue_start, NULL, 0) > 0)
    return FALSE;
  if (count_words (run, chunk_start, m->start) > 8)
    return FALSE;
  word_before (run, m->start, chunk_start, w, sizeof w);
  return !WORD_IN (w, lead_blockers);
}

/* The speaker of the mention at @mention_index: the person or body it
 * names, or for a pronoun or role noun the speaker it refers back to.
 * Returns FALSE (and leaves @sp alone) when a pronoun refers to nobody. */
static gboolean
speaker_from_mention_at (Run     *run,
                         guint    mention_index,
                         guint    paragraph,
                         Speaker *sp)
{
  const Mention *m = &g_array_index (run->mentions, Mention, mention_index);

  if (m->kind == MENTION_PRONOUN)
    return resolve_pronoun (run, mention_index, paragraph, sp);
  speaker_from_mention (run, m, sp);
  return TRUE;
}

/* A person outside the registry, by the name the article gives
 * (@written, taken). */
static void
speaker_from_unknown_name (Speaker *sp,
                           char    *written,
                           double   confidence)
{
  speaker_clear (sp);
  sp->written = written;
  sp->person = TRUE;
  sp->confidence = confidence;
}

/* The subject of a speech verb in [chunk_start, cue_start): a mention at
 * the start of the chunk (after at most a few connecting words), followed
 * by at most a few adverbs or a date before the verb. */
static gboolean
find_subject (Run     *run,
              gsize    chunk_start,
              gsize    cue_start,
              guint    paragraph,
              guint    max_between,
              Speaker *sp)
{
  for (guint i = first_mention_at (run, chunk_start); i < run->mentions->len; i++)
    {
      const Mention *m = &g_array_index (run->mentions, Mention, i);
      guint lead;
      guint between;

      if (m->end > cue_start)
        break;
      if (in_parentheses (run, chunk_start, m->start))
        continue;
      lead = filler_words (run, chunk_start, m->start, lead_blockers,
                           G_N_ELEMENTS (lead_blockers));
      if ((lead == G_MAXUINT || lead > 3) && !named_right_before (run, chunk_start, m, cue_start))
        return FALSE;
      between = filler_words (run, m->end, cue_start, lead_blockers,
                              G_N_ELEMENTS (lead_blockers));
      if (between == G_MAXUINT || between > max_between)
        continue;
      /* A possessor is not the subject: "Zelensky's chief of staff said". */
      if (m->end + 1 < cue_start && is_apostrophe (run->text[m->end])
          && (run->text[m->end + 1] == 's' || run->text[m->end + 1] == ' '))
        continue;
      if (m->kind == MENTION_PRONOUN)
        return resolve_pronoun (run, i, paragraph, sp);
      /* A country or body before a title and a name is the name's
       * qualifier: "Ukraine President Zelensky said". */
      if (!m->person && i + 1 < run->mentions->len)
        {
          const Mention *next = &g_array_index (run->mentions, Mention, i + 1);

          if (next->person && next->kind != MENTION_PRONOUN && next->end <= cue_start
              && filler_words (run, next->end, cue_start, NULL, 0) == 0)
            {
              guint gap = filler_words (run, m->end, next->start, lead_blockers,
                                        G_N_ELEMENTS (lead_blockers));

              if (gap != G_MAXUINT && gap <= 2)
                m = next;
            }
        }
      /* Another name between this one and the verb is the verb's subject
       * ("Washington hy vọng Moskva sẽ đáp lại"). */
      if (i + 1 < run->mentions->len && m == &g_array_index (run->mentions, Mention, i))
        {
          const Mention *next = &g_array_index (run->mentions, Mention, i + 1);

          if (next->kind != MENTION_PRONOUN && next->end <= cue_start
              && !in_parentheses (run, chunk_start, next->start))
            {
              char joint[64];
              gsize after = word_after (run, m->end, next->start, joint, sizeof joint);

              /* "Ông Zelensky và ông Sybiha cùng khẳng định": both speak;
               * the first is filed, both are written. */
              if (m->person && next->person && after != G_MAXSIZE
                  && (g_str_equal (joint, "và") || g_str_equal (joint, "and"))
                  && count_words (run, after, next->start) <= 1
                  && filler_words (run, next->end, cue_start, lead_blockers,
                                   G_N_ELEMENTS (lead_blockers)) <= 1)
                {
                  speaker_from_mention (run, m, sp);
                  g_free (sp->written);
                  sp->written = span_text (run, m->written, next->end);
                  sp->confidence *= 0.9;
                  return TRUE;
                }
              continue;
            }
        }
      speaker_from_mention (run, m, sp);
      return TRUE;
    }

  /* A capitalised name outside the registry ("John Smith said"). */
  for (gsize p = chunk_start; p < cue_start; p++)
    {
      char w[64];
      gsize e;
      gsize name_end;

      if (!is_word_start (run->folded, p))
        continue;
      if (filler_words (run, chunk_start, p, lead_blockers, G_N_ELEMENTS (lead_blockers)) > 3)
        return FALSE;
      e = word_after (run, p, cue_start, w, sizeof w);
      if (!is_upper_start (run->text[p]) || WORD_IN (w, name_stopwords))
        {
          p = e == G_MAXSIZE ? p : e;
          continue;
        }
      name_end = capitalised_run (run, p, cue_start, 4);
      if (is_outlet (run, chunk_start, p, name_end))
        return FALSE;
      if (count_words (run, p, name_end) >= 2)
        {
          guint between = filler_words (run, name_end, cue_start, lead_blockers,
                                        G_N_ELEMENTS (lead_blockers));
          g_autofree char *name = NULL;

          if (between == G_MAXUINT || between > MIN (max_between, 3))
            return FALSE;
          name = span_text (run, p, name_end);
          speaker_from_unknown_name (sp, resolve_unknown_name (run, name), 0.75);
          return TRUE;
        }
      else
        {
          g_autofree char *name = span_text (run, p, name_end);
          g_autofree char *full = resolve_unknown_name (run, name);

          if (strchr (full, ' ') != NULL
              && filler_words (run, name_end, cue_start, NULL, 0) <= MIN (max_between, 3))
            {
              speaker_from_unknown_name (sp, g_steal_pointer (&full), 0.75);
              return TRUE;
            }
        }
      return FALSE;
    }
  return FALSE;
}

static guint first_cue_at (const Run *run,
                           gsize      pos);

/* After an inverted speaker ("said Olena Kovalchuk, a researcher at …"),
 * an apposition up to the next comma or the sentence end belongs to the
 * speaker, unless a cue in it starts a new clause. */
static gsize
skip_apposition (const Run *run,
                 gsize      pos,
                 gsize      limit)
{
  gsize end = pos;
  guint ci;

  if (pos >= limit || run->text[pos] != ',')
    return pos;
  end = pos + 1;
  while (end < limit && run->text[end] != ',' && run->text[end] != '.'
         && run->text[end] != ';')
    end++;
  ci = first_cue_at (run, pos);
  if (ci < run->cues->len && g_array_index (run->cues, Cue, ci).start < end)
    return pos;
  if (count_words (run, pos, end) > 12)
    return pos;
  return end;
}

static gsize chunk_start_before (const Run *run,
                                 gsize      cue_start,
                                 gsize      limit);

/* A subject separated from its verb by an apposition between commas:
 * "NAME, APPOSITION, cue". Returns where the subject's part begins, or
 * G_MAXSIZE. */
static gsize
subject_before_apposition (Run     *run,
                           gsize    chunk,
                           gsize    limit,
                           guint    paragraph,
                           Speaker *sp)
{
  gsize comma = chunk;
  gsize apposition;
  gsize name;

  while (comma > limit && run->text[comma - 1] == ' ')
    comma--;
  if (comma <= limit || run->text[comma - 1] != ',')
    return G_MAXSIZE;
  apposition = chunk_start_before (run, comma - 1, limit);
  if (apposition <= limit || run->text[apposition - 1] != ','
      || count_words (run, apposition, comma - 1) > 15)
    return G_MAXSIZE;
  /* "The Kremlin's chief negotiator, Vladimir Medinsky, said": the
   * apposition is the name. */
  {
    gsize first = apposition;

    /* Only an apposition that opens with a name or a title can be the
     * name: "Trump, speaking aboard Air Force One, told…" is Trump. */
    while (first < comma && !tp_is_word_char (run->folded[first]))
      first++;
    if ((is_upper_start (run->text[first]) || find_hit (run, first, KIND_TITLE) != NULL
         || find_hit (run, first, KIND_ALIAS) != NULL)
        && find_subject (run, apposition, comma - 1, paragraph, 0, sp) && sp->person)
      return apposition;
  }
  name = chunk_start_before (run, apposition - 1, limit);
  if (!find_subject (run, name, apposition - 1, paragraph, 4, sp))
    return G_MAXSIZE;
  return name;
}

/* Whether [start, end) holds only connecting words ("và", "but"). */
static gboolean
only_connectors (const Run *run,
                 gsize      start,
                 gsize      end)
{
  for (gsize p = start; p < end; p++)
    {
      char w[64];
      gsize e;

      if (!is_word_start (run->folded, p))
        {
          if (tp_is_word_char (run->folded[p]))
            continue;
          if (run->text[p] != ' ' && run->text[p] != ',' && run->text[p] != 0x00A0)
            return FALSE;
          continue;
        }
      e = word_after (run, p, end, w, sizeof w);
      if (!WORD_IN (w, connector_words))
        {
          /* Two-word connectors: "trong khi", "sau đó". */
          char w2[64];
          gsize e2 = word_after (run, e, end, w2, sizeof w2);
          g_autofree char *pair = NULL;

          if (e2 == G_MAXSIZE)
            return FALSE;
          pair = g_strconcat (w, " ", w2, NULL);
          if (!WORD_IN (pair, connector_words))
            return FALSE;
          e = e2;
        }
      p = e - 1;
    }
  return TRUE;
}

/* The end of the last connecting word in [start, end), or G_MAXSIZE. */
static gsize
last_connector_in (const Run *run,
                   gsize      start,
                   gsize      end)
{
  gsize found = G_MAXSIZE;

  for (gsize p = start; p < end; p++)
    {
      char w[64];
      gsize e;

      if (!is_word_start (run->folded, p))
        continue;
      e = word_after (run, p, end, w, sizeof w);
      if (e == G_MAXSIZE)
        break;
      if (WORD_IN (w, connector_words) && !g_str_equal (w, "cũng") && !g_str_equal (w, "also"))
        found = e;
      p = e - 1;
    }
  return found;
}

/* The start of a connecting word that ends right before @pos, or @pos. */
static gsize
connector_before (const Run *run,
                  gsize      pos,
                  gsize      limit)
{
  char w[64];
  gsize s = word_before (run, pos, limit, w, sizeof w);

  if (s != G_MAXSIZE && WORD_IN (w, connector_words))
    return s;
  return pos;
}

static gboolean
cue_is_negated (const Run *run,
                const Cue *cue,
                gsize      limit)
{
  char w[64];

  word_before (run, cue->start, limit, w, sizeof w);
  return WORD_IN (w, negations);
}

/* Whether @pos closes a top-level quotation of the sentence. */
static gboolean
closes_quote (const Run *run,
              gsize      pos)
{
  guint qi = top_quote_from (run, pos);

  if (!in_top_quote (run, pos, &qi))
    return FALSE;
  return g_array_index (run->top, TpQuote, qi).close == pos;
}

/* Where the parenthesis that closes at @close opens, if it holds a short
 * aside between a subject and its verb ("(6/3)", "(giờ Mỹ)", "(ảnh)");
 * else G_MAXSIZE. */
static gsize
aside_in_parentheses (const Run *run,
                      gsize      close,
                      gsize      limit)
{
  for (gsize p = close; p > limit && close - p < 32; p--)
    {
      gunichar c = run->text[p - 1];

      if (c == '(')
        return count_words (run, p, close) <= 3 ? p - 1 : G_MAXSIZE;
      if (c == ',' || c == ';' || c == ':' || c == ')' || c == '"' || c == 0x201C
          || c == 0x201D)
        return G_MAXSIZE;
    }
  return G_MAXSIZE;
}

/* Walks back from @cue_start to the comma, colon, dash or closing quote
 * that begins the cue's subject. */
static gsize
chunk_start_before (const Run *run,
                    gsize      cue_start,
                    gsize      limit)
{
  gsize p = cue_start;

  while (p > limit)
    {
      gunichar c = run->text[p - 1];

      if (c == ')')
        {
          gsize open = aside_in_parentheses (run, p - 1, limit);

          if (open != G_MAXSIZE)
            {
              /* "ông Peskov hôm thứ Năm (6/3) cho biết", "ông Trump
               * (ảnh) nói": a short aside is no boundary. */
              p = open;
              continue;
            }
        }
      if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')')
        break;
      if ((c == 0x2013 || c == 0x2014 || c == '-') && p >= 2 && run->text[p - 2] == ' ')
        break;
      if (closes_quote (run, p - 1))
        break;
      p--;
    }
  return p;
}

/* Statements */

static void
add_topics (Run         *run,
            TpStatement *st)
{
  GPtrArray *topics = tp_lexicon_get_topics (run->self->lexicon);

  for (guint hi = first_hit_at (run, st->start); hi < run->hits->len; hi++)
    {
      const PhraseHit *hit = &g_array_index (run->hits, PhraseHit, hi);

      if (hit->start >= (gsize) st->end)
        break;
      if (hit->kind != KIND_KEYWORD || hit->end > (gsize) st->end)
        continue;
      for (guint i = 0; i < hit->count; i++)
        {
          TpLexiconTopic *topic = g_ptr_array_index (topics, hit_payload (run, hit, i));

          tp_statement_add_topic (st, topic->key);
        }
    }
}

/* Whether [start, end) may hold a date: "hôm" anything, a day word before
 * a number or a weekday, a weekday, a month name next to a number,
 * yesterday or today. Cheap, so that the date expressions run rarely. */
static gboolean
may_hold_date (const Run *run,
               gsize      start,
               gsize      end)
{
  char prev[16] = "";
  gboolean prev_number = FALSE;

  for (gsize p = start; p < end; p++)
    {
      char w[16];
      gsize n = 0;
      gsize e = p;
      gboolean number;

      if (!is_word_start (run->folded, p))
        continue;
      while (e < end && tp_is_word_char (run->folded[e]))
        {
          if (n + 1 < sizeof w)
            w[n++] = run->folded[e] < 0x80 ? (char) run->folded[e] : '?';
          e++;
        }
      w[n] = '\0';
      number = g_ascii_isdigit (w[0]);
      if (g_str_equal (w, "hom") || WORD_IN (w, date_en_words))
        return TRUE;
      if (WORD_IN (prev, date_day_words)
          && (number || g_str_equal (w, "thu") || g_str_equal (w, "chu")))
        return TRUE;
      if ((number && WORD_IN (prev, date_months)) || (prev_number && WORD_IN (w, date_months)))
        return TRUE;
      g_strlcpy (prev, w, sizeof prev);
      prev_number = number;
      p = e - 1;
    }
  return FALSE;
}

static char *
date_in (const Run *run,
         gsize      start,
         gsize      end)
{
  g_autofree char *frame = NULL;

  if (end <= start || !may_hold_date (run, start, end))
    return NULL;
  frame = span_text (run, start, end);
  return tp_resolve_date (frame, article_date (run));
}

static TpStatement *
emit (Run             *run,
      TpStatementKind  kind,
      gsize            start,
      gsize            end,
      const Speaker   *sp,
      const Cue       *cue,
      double           confidence,
      char            *said_on,
      guint            paragraph)
{
  TpStatement *st = tp_statement_new ();

  st->kind = kind;
  st->start = start;
  st->end = end;
  st->text = span_text (run, start, end);
  st->speaker = g_strdup (sp->written);
  if (sp->actor != NULL)
    {
      st->actor_key = g_strdup (sp->actor->key);
      st->actor = g_strdup (sp->actor->name);
      st->side = g_strdup (sp->actor->side);
    }
  st->cue = cue != NULL ? span_text (run, cue->start, cue->end) : NULL;
  st->said_on = said_on;
  st->confidence = CLAMP (confidence * sp->confidence / 0.95, 0.05, 1.0);
  add_topics (run, st);
  g_ptr_array_add (run->statements, st);

  if (sp->person)
    {
      speaker_copy (&run->last_speaker, sp);
      run->last_speaker_paragraph = paragraph;
      run->last_speaker_end = end;
      run->have_last_speaker = TRUE;
    }
  return st;
}

/* Trims spaces and trailing punctuation and connecting words from a clause. */
static void
trim_clause (const Run *run,
             gsize     *start,
             gsize     *end)
{
  gboolean changed = TRUE;

  while (*start < *end && (tp_is_space (run->text[*start]) || run->text[*start] == ','
                           || run->text[*start] == ':' || run->text[*start] == 0x2013
                           || run->text[*start] == 0x2014 || run->text[*start] == '-'))
    (*start)++;
  while (changed)
    {
      gsize c;

      changed = FALSE;
      while (*end > *start && (tp_is_space (run->text[*end - 1])
                               || run->text[*end - 1] == ',' || run->text[*end - 1] == ';'
                               || run->text[*end - 1] == ':' || run->text[*end - 1] == '.'
                               || run->text[*end - 1] == 0x2013 || run->text[*end - 1] == 0x2014))
        {
          (*end)--;
          changed = TRUE;
        }
      c = connector_before (run, *end, *start);
      if (c != *end && c > *start)
        {
          *end = c;
          changed = TRUE;
        }
    }
}

/* The top-level quotations inside [start, end): first index and count. */
static guint
quotes_in (const Run *run,
           gsize      start,
           gsize      end,
           guint     *first)
{
  guint lo = 0;
  guint hi = run->top->len;
  guint n = 0;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (run->top, TpQuote, mid).open < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;
  for (guint i = lo; i < run->top->len; i++)
    {
      const TpQuote *q = &g_array_index (run->top, TpQuote, i);

      if (q->close >= end)
        break;
      n++;
    }
  return n;
}

/* A quotation interrupted by its attribution ("“We,” he said, “will
 * not…”"): if the top quotation before @qi ends with a comma right before
 * the speaker's part at @region, its index; else G_MAXSIZE. */
static gsize
interrupted_quote (const Run *run,
                   guint      qi,
                   gsize      region)
{
  const TpQuote *q;
  gsize p;

  if (qi == 0 || run->claimed[qi - 1])
    return G_MAXSIZE;
  q = &g_array_index (run->top, TpQuote, qi - 1);
  if (q->close >= region || q->close < 1)
    return G_MAXSIZE;
  for (p = q->close + 1; p < region; p++)
    if (run->text[p] != ' ' && run->text[p] != ',' && run->text[p] != 0x00A0)
      return G_MAXSIZE;
  if (run->text[q->close - 1] != ',' && !(q->close + 1 < run->len && run->text[q->close + 1] == ','))
    return G_MAXSIZE;
  for (p = q->open + 1; p < q->close; p++)
    if (run->text[p] == '\n')
      return G_MAXSIZE;
  return q->open;
}

/* Makes a statement of the clause [cs, ce) for a cue with a speaker. */
static gboolean
emit_clause (Run          *run,
             gsize         cs,
             gsize         ce,
             const CueUse *use,
             double        base,
             char         *said_on,
             guint         paragraph)
{
  guint first;
  guint n;

  trim_clause (run, &cs, &ce);
  if (ce <= cs)
    {
      g_free (said_on);
      return FALSE;
    }
  n = quotes_in (run, cs, ce, &first);
  if (n == 1)
    {
      const TpQuote *q = &g_array_index (run->top, TpQuote, first);
      gsize qs = q->open + 1;
      gsize qe = q->close;

      if (q->open == cs && (q->close + 1 == ce || (q->close + 2 == ce && run->text[ce - 1] == '.')))
        {
          gsize lead = interrupted_quote (run, first, use->region);

          if (lead != G_MAXSIZE)
            {
              /* "“Chúng tôi,” ông nói, “sẽ không…”": one statement over
               * both parts. */
              run->claimed[first - 1] = TRUE;
              qs = g_array_index (run->top, TpQuote, first - 1).open + 1;
            }
          trim_clause (run, &qs, &qe);
          run->claimed[first] = TRUE;
          if (qe > qs)
            emit (run, TP_STATEMENT_DIRECT, qs, qe, &use->speaker, use->cue, base,
                  said_on, paragraph);
          else
            g_free (said_on);
          return TRUE;
        }
      /* A quotation closed by a period inside ("…đây.") before the cue's
       * comma: still the whole clause. */
    }
  if (n > 0)
    {
      for (guint i = 0; i < n; i++)
        run->claimed[first + i] = TRUE;
      emit (run, TP_STATEMENT_MIXED, cs, ce, &use->speaker, use->cue, base * 0.92,
            said_on, paragraph);
      return TRUE;
    }
  if (filler_words (run, cs, ce, NULL, 0) < 4)
    {
      g_free (said_on);
      return FALSE;
    }
  emit (run, TP_STATEMENT_INDIRECT, cs, ce, &use->speaker, use->cue, base * 0.85,
        said_on, paragraph);
  return TRUE;
}

/* The start of the clause after a leading cue: after a colon, or after
 * "rằng" / "that" when they come within a few words. */
static gsize
clause_start_after (const Run *run,
                    const Cue *cue,
                    gsize      tail,
                    gsize      limit)
{
  /* "told a meeting of his Security Council on Tuesday that": verbs with
   * an object before "that" may put it further away. */
  guint max_words = cue != NULL && (g_str_equal (cue->text, "told") || g_str_equal (cue->text, "tells")
                                    || g_str_equal (cue->text, "nói với")
                                    || g_str_equal (cue->text, "warned")
                                    || g_str_equal (cue->text, "assured"))
                    ? 8 : 4;
  guint words = 0;
  guint qi = top_quote_from (run, tail);
  char first[64];

  /* "said in his evening video address that": a place or an occasion
   * may come between the verb and "that". */
  word_after (run, tail, limit, first, sizeof first);
  if (WORD_IN (first, frame_prepositions))
    max_words = MAX (max_words, 8);

  for (gsize p = tail; p < limit && words < 15; p++)
    {
      if (in_top_quote (run, p, &qi))
        break;
      if (run->text[p] == ':')
        return p + 1;
      if (run->text[p] == '.' || run->text[p] == ';')
        break;
      if (is_word_start (run->folded, p))
        {
          char w[64];
          gsize e = word_after (run, p, limit, w, sizeof w);

          if (!WORD_IN (w, date_words) && !g_ascii_isdigit (w[0]))
            words++;
          /* "said that", "told reporters on Friday that", "tiết lộ với
           * NBC rằng"; a "that" further on belongs to the clause. */
          if (words <= max_words && WORD_IN (w, that_words))
            return e;
          if (e != G_MAXSIZE)
            p = e - 1;
        }
    }
  return tail;
}

static gboolean opens_with_frame (const Run *run,
                                  gsize      start,
                                  gsize      end);

/* Whether the words after a trailing attribution only say where or when
 * it was said: "“…”, ông Ushakov nói trong cuộc phỏng vấn với kênh Zvezda",
 * "“…,” he said in an interview with the BBC on Friday". */
static gboolean
tail_is_occasion (const Run *run,
                  gsize      tail,
                  gsize      limit)
{
  char w[64];

  if (opens_with_frame (run, tail, limit))
    return TRUE;
  word_after (run, tail, limit, w, sizeof w);
  return WORD_IN (w, frame_prepositions)
         && clause_start_after (run, NULL, tail, limit) == tail;
}

/* Whether the cue ends with "rằng" / "that": what was said follows it. */
static gboolean
cue_opens_clause (const Cue *cue)
{
  const char *last = strrchr (cue->text, ' ');

  return last != NULL && WORD_IN (last + 1, that_words);
}

/* Whether [start, end) opens with a frame of the speech ("Speaking to
 * reporters in Brussels, Kallas said…", "Trả lời phỏng vấn báo X, ông…"):
 * then it is no statement of its own. */
static gboolean
opens_with_frame (const Run *run,
                  gsize      start,
                  gsize      end)
{
  GPtrArray *cues = tp_lexicon_get_cues (run->self->lexicon);
  const PhraseHit *hit;

  while (start < end && !tp_is_word_char (run->folded[start]))
    start++;
  hit = start < end ? find_hit (run, start, KIND_CUE) : NULL;
  if (hit == NULL || hit->end > end)
    return FALSE;
  for (guint i = 0; i < hit->count; i++)
    {
      const TpLexiconCue *lc = g_ptr_array_index (cues, hit_payload (run, hit, i));

      if (lc->type == TP_CUE_FRAME)
        return TRUE;
    }
  return FALSE;
}

/* The end of a time adverbial that opens the clause after a speech verb
 * ("said on Thursday it would…", "cho biết hôm thứ Năm (6/3) Nga…"): it
 * belongs to the frame, not to what was said. Returns @pos if there is
 * none. */
static gsize
skip_time_frame (const Run *run,
                 gsize      pos,
                 gsize      limit)
{
  char prev[64] = "";
  gsize end = pos;
  gsize p = pos;
  gboolean strong = FALSE;

  while (p < limit)
    {
      char w[64];
      gsize e;
      gunichar c = run->text[p];

      if (c == ' ' || c == 0x00A0 || c == '/' || c == '(' || c == ')')
        {
          if (c == ')' && end == p)
            end = p + 1;
          p++;
          continue;
        }
      if (c == ',' && end > pos)
        {
          char next[64];

          /* "on Thursday, March 13, it would…" */
          word_after (run, p + 1, limit, next, sizeof next);
          if (!WORD_IN (next, date_months) && !g_ascii_isdigit (next[0]))
            break;
          p++;
          continue;
        }
      e = word_after (run, p, limit, w, sizeof w);
      if (e == G_MAXSIZE)
        break;
      if (end == pos && WORD_IN (w, time_heads_before_past))
        {
          char next[64];

          word_after (run, e, limit, next, sizeof next);
          if (!WORD_IN (next, time_past))
            break;
          strong = TRUE;
        }
      else if (g_ascii_isdigit (w[0]))
        strong = TRUE;
      else if (end == pos ? !WORD_IN (w, time_heads)
                          : !(WORD_IN (w, time_words)
                              || (WORD_IN (w, weekday_numbers)
                                  && (g_str_equal (prev, "thứ") || g_str_equal (prev, "chủ")))))
        break;
      else if (!WORD_IN (w, time_weak))
        strong = TRUE;
      g_strlcpy (prev, w, sizeof prev);
      end = e;
      p = e;
    }
  if (!strong || end == pos)
    return pos;
  while (end < limit && run->text[end] == ',')
    end++;
  return end;
}

/* The start of a subject interrupted by its attribution ("Russia, he said,
 * would never…"): the statement spans both parts. G_MAXSIZE if the
 * sentence before the attribution at @sep is no such subject. */
static gsize
interrupted_subject (const Run    *run,
                     const TpSpan *s,
                     gsize         sep,
                     gsize         tail,
                     gsize         limit)
{
  char w[64];
  guint first;
  gsize p = tail;

  if (sep <= s->start || run->text[sep] != ',' || count_words (run, s->start, sep) > 8
      || quotes_in (run, s->start, sep, &first) > 0)
    return G_MAXSIZE;
  while (p < limit && run->text[p] == ' ')
    p++;
  /* A source's tail may already be past its comma. */
  if (tail > sep && run->text[tail - 1] == ',')
    p = tail - 1;
  if (p >= limit || run->text[p] != ',')
    return G_MAXSIZE;
  word_after (run, p + 1, limit, w, sizeof w);
  if (!WORD_IN (w, subject_continuations))
    return G_MAXSIZE;
  return s->start;
}

typedef struct
{
  Speaker speaker;
  gsize   start;
  gsize   end;
  guint   paragraph;
} Pending;

static void
attribute_quote (Run           *run,
                 guint          qi,
                 const Speaker *sp,
                 const Cue     *cue,
                 double         confidence,
                 char          *said_on,
                 guint          paragraph)
{
  const TpQuote *q = &g_array_index (run->top, TpQuote, qi);
  gsize qs = q->open + 1;
  gsize qe = q->close;

  trim_clause (run, &qs, &qe);
  run->claimed[qi] = TRUE;
  if (qe > qs)
    emit (run, TP_STATEMENT_DIRECT, qs, qe, sp, cue, confidence, said_on, paragraph);
  else
    g_free (said_on);
}

/* Whether the words after a verb point back at what was quoted before:
 * "ông Putin nói như vậy tại…", "Putin said this at…", "he said so". */
static gboolean
cue_points_back (const Run *run,
                 gsize      pos,
                 gsize      limit)
{
  char w[64];
  char next[64];
  gsize e = word_after (run, pos, limit, w, sizeof w);

  if (e == G_MAXSIZE)
    return FALSE;
  word_after (run, e, limit, next, sizeof next);
  if (g_str_equal (w, "như"))
    return g_str_equal (next, "vậy") || g_str_equal (next, "thế") || g_str_equal (next, "trên");
  if (g_str_equal (w, "điều"))
    return g_str_equal (next, "này") || g_str_equal (next, "đó");
  if (g_str_equal (w, "this") || g_str_equal (w, "so"))
    return !WORD_IN (next, time_words) && !g_str_equal (next, "year")
           && !g_str_equal (next, "far");
  return g_str_equal (w, "vậy");
}

/* Whether most words of [start, end) are capitalised, as in the title of a
 * book, a film or a plan, or a slogan. */
static gboolean
is_title_case (const Run *run,
               gsize      start,
               gsize      end)
{
  guint words = 0;
  guint upper = 0;

  for (gsize p = start; p < end; p++)
    if (is_word_start (run->folded, p) && g_unichar_isalpha (run->text[p]))
      {
        gsize e = p;

        while (e < end && tp_is_word_char (run->folded[e]))
          e++;
        /* Short words stay small in titles: "of", "the", "and". */
        if (is_upper_start (run->text[p]))
          upper++;
        else if (e - p <= 3)
          continue;
        words++;
      }
  return upper >= 3 && upper * 4 >= words * 3;
}

/* Whether the quotation opens its sentence and fills most of it: a quote
 * that can inherit a speaker, unlike a title or label mid-sentence. */
static gboolean
quote_fills_sentence (const Run    *run,
                      const TpQuote *q,
                      const TpSpan  *s)
{
  gsize inside = q->close + 1 - q->open;

  if (q->open != s->start)
    return FALSE;
  return inside * 10 >= (s->end - s->start) * 6;
}

static gboolean attribute_from_next (Run   *run,
                                     guint  si);

static void
analyse_sentence (Run          *run,
                  guint         si,
                  guint        *cue_cursor,
                  Speaker      *sentence_speaker,
                  gboolean     *have_sentence_speaker)
{
  const TpSpan *s = &g_array_index (run->sentences, TpSpan, si);
  g_autoptr(GArray) uses = g_array_new (FALSE, TRUE, sizeof (CueUse));
  gsize prev_cue_end = s->start;
  guint first_quote;
  guint n_quotes;

  /* Cues of the sentence with a speaker. */
  while (*cue_cursor < run->cues->len
         && g_array_index (run->cues, Cue, *cue_cursor).start < s->start)
    (*cue_cursor)++;
  for (guint ci = *cue_cursor; ci < run->cues->len; ci++)
    {
      const Cue *cue = &g_array_index (run->cues, Cue, ci);
      CueUse use = { 0 };

      if (cue->end > s->end)
        break;
      run->recent_in_sentence = uses->len > 0
                                ? &g_array_index (uses, CueUse, uses->len - 1).speaker : NULL;
      use.cue = cue;
      use.tail = cue->end;

      if (cue_is_negated (run, cue, prev_cue_end))
        {
          prev_cue_end = cue->end;
          continue;
        }

      if (cue->type == TP_CUE_SOURCE)
        {
          guint mi = first_mention_at (run, cue->end);
          gsize before = chunk_start_before (run, cue->start, prev_cue_end);

          for (; mi < run->mentions->len; mi++)
            {
              const Mention *m = &g_array_index (run->mentions, Mention, mi);

              if (m->start > s->end || count_words (run, cue->end, m->start) > 4)
                break;
              /* "theo giờ Moskva", "theo kế hoạch của Mỹ": "theo" is
               * "by" or "under" here, no source. */
              {
                char w[64];

                word_after (run, cue->end, m->start, w, sizeof w);
                if (WORD_IN (w, source_blockers))
                  break;
              }
              {
                gboolean crosses = FALSE;

                for (gsize p = cue->end; p < m->start && !crosses; p++)
                  crosses = run->text[p] == ',' || run->text[p] == ';' || run->text[p] == ':'
                            || run->text[p] == '.';
                if (crosses)
                  break;
              }
              if (!speaker_from_mention_at (run, mi, s->paragraph, &use.speaker))
                break;
              use.source_end = m->end;
              /* An apposition names the person: "theo cố vấn của Điện
               * Kremlin, ông Yury Ushakov". */
              if (mi + 1 < run->mentions->len)
                {
                  const Mention *next = &g_array_index (run->mentions, Mention, mi + 1);

                  /* A body's apposition is closed by a comma; without one,
                   * the name after it is the subject of what the body
                   * said ("Theo Nhà Trắng, Tổng thống Mỹ sẽ…"). */
                  if (next->person && next->kind != MENTION_PRONOUN
                      && next->start < s->end && m->end < run->len && run->text[m->end] == ','
                      && count_words (run, m->end, next->start) <= 1
                      && (m->person || (next->end < run->len && run->text[next->end] == ',')))
                    {
                      speaker_from_mention (run, next, &use.speaker);
                      use.source_end = next->end;
                    }
                }
              break;
            }
          if (use.speaker.written == NULL)
            {
              speaker_clear (&use.speaker);
              continue;
            }
          use.source = TRUE;
          use.separator = before;
          use.region = before;
          use.tail = use.source_end;
          /* "According to UN figures, …": the words up to the comma
           * still name the source. */
          {
            gsize comma = use.source_end;

            while (comma < s->end && run->text[comma] != ',' && run->text[comma] != '.'
                   && run->text[comma] != ':' && run->text[comma] != ';')
              comma++;
            if (comma < s->end && run->text[comma] == ','
                && count_words (run, use.source_end, comma) <= 2
                && first_cue_at (run, use.source_end) == first_cue_at (run, comma))
              use.tail = comma + 1;
          }
          use.speaker.confidence *= 0.9;
          g_array_append_val (uses, use);
          prev_cue_end = use.source_end;
          continue;
        }

      /* A speech verb: its subject is before it, or after it ("said Peskov"). */
      {
        gsize chunk = chunk_start_before (run, cue->start, prev_cue_end);

        gsize apposition = G_MAXSIZE;

        if (chunk == prev_cue_end && uses->len > 0
            && g_array_index (uses, CueUse, uses->len - 1).source
            && count_words (run, chunk, cue->start) <= 3)
          {
            /* "TASS dẫn lời một quan chức giấu tên cho biết…", "quoted
             * Peskov as saying that…": the verb is the source's. */
            CueUse *src = &g_array_index (uses, CueUse, uses->len - 1);

            src->tail = cue->end;
            src->quoting = TRUE;
            prev_cue_end = cue->end;
            continue;
          }
        if (chunk == prev_cue_end && uses->len > 0 && !only_connectors (run, chunk, cue->start)
            && connector_before (run, cue->start, chunk) == cue->start)
          {
            /* "X nói A và Y nói B": a connector inside the chunk starts a
             * new subject. */
            gsize joint = last_connector_in (run, chunk, cue->start);

            if (joint != G_MAXSIZE
                && find_subject (run, joint, cue->start, s->paragraph, 1, &use.speaker))
              {
                use.region = joint;
                use.separator = joint;
                g_array_append_val (uses, use);
                prev_cue_end = use.tail;
                continue;
              }
            /* No comma between this cue and the one before: it is part of
             * what the first speaker said ("X cho biết Kiev sẵn sàng chấp
             * nhận đề xuất…"). */
            prev_cue_end = cue->end;
            continue;
          }
        if (find_subject (run, chunk, cue->start, s->paragraph,
                          cue_is_noun_capable (run, cue) ? 1 : 4, &use.speaker))
          {
            use.region = chunk;
            use.separator = chunk;
          }
        else if (only_connectors (run, chunk, cue->start)
                 && (apposition = subject_before_apposition (run, chunk, prev_cue_end,
                                                             s->paragraph, &use.speaker))
                    != G_MAXSIZE)
          {
            /* "ông Nguyễn Văn Bình, chuyên gia …, nhận định", "Jane Doe,
             * an analyst at …, said". */
            use.region = apposition;
            use.separator = apposition;
          }
        else if (uses->len > 0 && only_connectors (run, chunk, cue->start))
          {
            /* "…và cho rằng", ", adding that": the subject of the cue before. */
            speaker_copy (&use.speaker, &g_array_index (uses, CueUse, uses->len - 1).speaker);
            use.continuation = TRUE;
            use.region = chunk;
            use.separator = chunk;
          }
        else if (uses->len > 0 && (use.region = connector_before (run, cue->start, chunk)) < cue->start)
          {
            speaker_copy (&use.speaker, &g_array_index (uses, CueUse, uses->len - 1).speaker);
            use.continuation = TRUE;
            use.separator = use.region;
          }
        else if (only_connectors (run, chunk, cue->start) && !cue_opens_clause (cue)
                 && !g_str_equal (cue->text, "called"))
          {
            /* Inversion: "“…,” said Peskov", "said the Kremlin's spokesman";
             * never after "nói rằng" / "noted that", whose clause follows,
             * nor "called X", which names. */
            guint mi = first_mention_at (run, cue->end);
            const Mention *m = mi < run->mentions->len
                               ? &g_array_index (run->mentions, Mention, mi) : NULL;

            gsize name_end;

            if (m == NULL || m->end > s->end
                || filler_words (run, cue->end, m->start, NULL, 0) > 2)
              {
                /* "said Olena Kovalchuk, a researcher…": a name outside
                 * the registry right after the verb. */
                gsize p = cue->end;

                while (p < s->end && run->text[p] == ' ')
                  p++;
                name_end = p < s->end && is_upper_start (run->text[p])
                           ? capitalised_run (run, p, s->end, 4) : p;
                if (name_end > p)
                  {
                    g_autofree char *name = span_text (run, p, name_end);
                    g_autofree char *full = resolve_unknown_name (run, name);

                    if (strchr (full, ' ') != NULL)
                      {
                        speaker_from_unknown_name (&use.speaker, g_steal_pointer (&full), 0.8);
                        use.region = chunk;
                        use.separator = chunk;
                        use.tail = skip_apposition (run, name_end, s->end);
                        g_array_append_val (uses, use);
                        prev_cue_end = use.tail;
                        continue;
                      }
                  }
                speaker_clear (&use.speaker);
                continue;
              }
            if (!speaker_from_mention_at (run, mi, s->paragraph, &use.speaker))
              continue;
            use.region = chunk;
            use.separator = chunk;
            use.tail = skip_apposition (run, m->end, s->end);
          }
        else
          {
            speaker_clear (&use.speaker);
            continue;
          }
        g_array_append_val (uses, use);
        prev_cue_end = use.tail;
      }
    }

  run->recent_in_sentence = NULL;

  /* A clause per cue: before a trailing cue, after a leading one. */
  for (guint u = 0; u < uses->len; u++)
    {
      CueUse *use = &g_array_index (uses, CueUse, u);
      gsize limit = u + 1 < uses->len ? g_array_index (uses, CueUse, u + 1).region : s->end;
      gsize sep = use->separator;
      guint first;
      gboolean tail_has_quote = quotes_in (run, use->tail, limit, &first) > 0;
      guint tail_words = count_words (run, use->tail, limit);
      gboolean has_before;
      char *said_on;

      /* The separator is the comma (or quote) before the speaker's part. */
      while (sep > s->start && (run->text[sep - 1] == ' ' || run->text[sep - 1] == ','))
        sep--;
      has_before = sep > s->start && (u == 0 || g_array_index (uses, CueUse, u - 1).source);

      /* "Ông Putin nói như vậy tại…": the quotation before is what was
       * said (see attribute_from_next()). */
      if (!use->source && cue_points_back (run, use->tail, limit))
        continue;

      if (use->source)
        {
          if (has_before && tail_words <= 2)
            {
              gsize from = u > 0 ? g_array_index (uses, CueUse, u - 1).tail : s->start;

              said_on = date_in (run, use->cue->start, s->end);
              emit_clause (run, from, sep, use, 0.8, said_on, s->paragraph);
            }
          else
            {
              gsize cs = use->quoting ? clause_start_after (run, NULL, use->tail, limit)
                                      : use->tail;
              gsize subject = u == 0 ? interrupted_subject (run, s, sep, use->tail, limit)
                                     : G_MAXSIZE;

              if (subject != G_MAXSIZE)
                cs = subject;

              said_on = date_in (run, use->cue->start, cs);
              emit_clause (run, cs, limit, use, 0.8, said_on, s->paragraph);
            }
          continue;
        }

      if (has_before && !tail_has_quote && !use->continuation
          && (tail_words <= 6 || tail_is_occasion (run, use->tail, limit))
          && !cue_opens_clause (use->cue)
          && clause_start_after (run, use->cue, use->tail, limit) == use->tail
          && !opens_with_frame (run, u > 0 ? g_array_index (uses, CueUse, u - 1).tail : s->start,
                                sep))
        {
          gsize from = s->start;

          if (u > 0)
            {
              const CueUse *prev = &g_array_index (uses, CueUse, u - 1);

              from = prev->source ? prev->tail : prev->tail;
            }
          said_on = date_in (run, use->region, limit);
          if (said_on == NULL && u == 0)
            said_on = date_in (run, s->start, sep);
          emit_clause (run, from, sep, use, 0.95, said_on, s->paragraph);
        }
      else
        {
          gsize cs = clause_start_after (run, use->cue, use->tail, limit);

          if (cs == use->tail)
            cs = skip_time_frame (run, use->tail, limit);
          said_on = date_in (run, use->region, cs);
          if (u == 0 && cs == use->tail)
            {
              gsize subject = interrupted_subject (run, s, sep, use->tail, limit);

              if (subject != G_MAXSIZE)
                cs = subject;
            }
          if (said_on == NULL && u == 0)
            said_on = date_in (run, s->start, use->region);
          if (said_on == NULL && use->continuation && u > 0)
            said_on = date_in (run, g_array_index (uses, CueUse, u - 1).region,
                               g_array_index (uses, CueUse, u - 1).tail);
          emit_clause (run, cs, limit, use, use->continuation ? 0.85 : 0.95, said_on,
                       s->paragraph);
        }
    }

  /* Quotations left without a statement: first a bare attribution in the
   * next sentence, then the speakers around. */
  if (uses->len == 0)
    attribute_from_next (run, si);
  n_quotes = quotes_in (run, s->start, s->end + 1, &first_quote);
  for (guint i = 0; i < n_quotes; i++)
    {
      guint qi = first_quote + i;
      const TpQuote *q = &g_array_index (run->top, TpQuote, qi);

      if (run->claimed[qi])
        continue;
      /* Scare quotes, names and labels: too short to be said; titles
       * and slogans in capitals ("The Art of the Deal Is Back") name a
       * work or a chant. */
      if (count_words (run, q->open, q->close) < 4 || is_title_case (run, q->open + 1, q->close))
        continue;
      if (uses->len > 0)
        {
          /* Consecutive quotes of one sentence share their speaker. */
          attribute_quote (run, qi, &g_array_index (uses, CueUse, 0).speaker, NULL, 0.7, NULL,
                           s->paragraph);
          continue;
        }
      if (!quote_fills_sentence (run, q, s))
        continue;
      if (run->have_prev_sentence_speaker && run->prev_sentence_paragraph == s->paragraph)
        attribute_quote (run, qi, &run->prev_sentence_speaker, NULL, 0.65, NULL, s->paragraph);
      else if (run->have_last_speaker && run->last_speaker_paragraph + 1 == s->paragraph
               && (si == 0 || g_array_index (run->sentences, TpSpan, si - 1).paragraph
                              != s->paragraph))
        attribute_quote (run, qi, &run->last_speaker, NULL, 0.55, NULL, s->paragraph);
    }

  *have_sentence_speaker = uses->len > 0;
  if (uses->len > 0)
    speaker_copy (sentence_speaker, &g_array_index (uses, CueUse, uses->len - 1).speaker);
  for (guint u = 0; u < uses->len; u++)
    speaker_clear (&g_array_index (uses, CueUse, u).speaker);
}

/* A sentence that is only "ông Peskov nói." attributes the quotation of
 * the sentence before it. */
static gboolean
attribute_from_next (Run   *run,
                     guint  si)
{
  const TpSpan *s = &g_array_index (run->sentences, TpSpan, si);
  const TpSpan *next;
  guint first;
  guint n;
  guint qi;
  Speaker sp = { 0 };
  gboolean done = FALSE;
  gboolean back;

  if (si + 1 >= run->sentences->len)
    return FALSE;
  next = &g_array_index (run->sentences, TpSpan, si + 1);
  if (next->paragraph != s->paragraph)
    return FALSE;
  n = quotes_in (run, s->start, s->end + 1, &first);
  if (n != 1 || quotes_in (run, next->start, next->end + 1, &qi) > 0)
    return FALSE;
  qi = first;
  if (run->claimed[qi] || !quote_fills_sentence (run, &g_array_index (run->top, TpQuote, qi), s))
    return FALSE;

  for (guint ci = first_cue_at (run, next->start); ci < run->cues->len && !done; ci++)
    {
      const Cue *cue = &g_array_index (run->cues, Cue, ci);

      if (cue->start < next->start || cue->end > next->end || cue->type != TP_CUE_VERB)
        continue;
      back = cue_points_back (run, cue->end, next->end);
      if (!back && (count_words (run, next->start, next->end) > 8
                    || count_words (run, cue->end, next->end) > 2))
        break;
      if (find_subject (run, next->start, cue->start, next->paragraph, 4, &sp))
        {
          attribute_quote (run, qi, &sp, cue, 0.8,
                           back ? date_in (run, next->start, next->end) : NULL, s->paragraph);
          done = TRUE;
        }
      break;
    }
  speaker_clear (&sp);
  return done;
}

static gint
compare_statements (gconstpointer a,
                    gconstpointer b)
{
  const TpStatement *sa = *(TpStatement **) a;
  const TpStatement *sb = *(TpStatement **) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return (sa->end > sb->end) - (sa->end < sb->end);
}

static guint
first_cue_at (const Run *run,
              gsize      pos)
{
  guint lo = 0;
  guint hi = run->cues->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (run->cues, Cue, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Valid UTF-8 to characters, with a fast path for ASCII. */
static gunichar *
decode_body (const char *body,
             glong      *len)
{
  gsize bytes = strlen (body);
  gunichar *out = g_new (gunichar, bytes + 1);
  const guchar *p = (const guchar *) body;
  const guchar *end = p + bytes;
  glong n = 0;

  while (p < end)
    {
      if (*p < 0x80)
        out[n++] = *p++;
      else
        {
          out[n++] = g_utf8_get_char ((const char *) p);
          p = (const guchar *) g_utf8_next_char (p);
        }
    }
  out[n] = 0;
  *len = n;
  return out;
}

/* GObject overrides */

static void
tp_extractor_finalize (GObject *object)
{
  TpExtractor *self = TP_EXTRACTOR (object);

  g_clear_pointer (&self->phrases, tp_trie_free);
  g_clear_pointer (&self->topic_index, g_hash_table_unref);
  g_clear_object (&self->lexicon);

  G_OBJECT_CLASS (tp_extractor_parent_class)->finalize (object);
}

static void
tp_extractor_class_init (TpExtractorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_extractor_finalize;
  build_word_sets ();
}

static void
tp_extractor_init (TpExtractor *self)
{
}

/* Public API */

/**
 * tp_extractor_new:
 * @lexicon: the lexicon to find speakers, cues and topics with
 *
 * Returns: (transfer full): a new extractor; it can run on any number of
 *   articles, one at a time
 */
TpExtractor *
tp_extractor_new (TpLexicon *lexicon)
{
  TpExtractor *self;

  g_return_val_if_fail (TP_IS_LEXICON (lexicon), NULL);

  self = g_object_new (TP_TYPE_EXTRACTOR, NULL);
  self->lexicon = g_object_ref (lexicon);
  compile_lexicon (self);
  return self;
}

/* Bodies are analysed in segments of about this many bytes, cut at a
 * paragraph break, so that a 50 MB text needs a few MB of working memory;
 * what carries over from one paragraph to the next (the last speaker,
 * the names met so far) carries over segments too. */
#define SEGMENT_BYTES (1 << 20)

/* The end of the segment that starts at @start: a paragraph break after
 * SEGMENT_BYTES where the next paragraph does not continue a quotation. */
static const char *
segment_end (const char *start,
             const char *end)
{
  const char *p;

  if (end - start <= SEGMENT_BYTES)
    return end;
  p = start + SEGMENT_BYTES;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gunichar next;

      if (nl == NULL)
        return end;
      p = nl + 1;
      if (p >= end)
        return end;
      next = g_utf8_get_char (p);
      if (next != 0x201C && next != '"' && next != 0x00AB && next != 0x201E && next != 0x2018)
        return p;
    }
  return end;
}

static void
analyse_segment (Run        *run,
                 const char *utf8,
                 gsize       bytes,
                 gsize       char_base,
                 guint       paragraph_base,
                 glong      *chars,
                 guint      *paragraphs)
{
  g_autofree char *copy = g_strndup (utf8, bytes);
  g_autofree gunichar *text = NULL;
  glong len = 0;
  guint cue_cursor = 0;
  Speaker sentence_speaker = { 0 };
  gboolean have_sentence_speaker = FALSE;
  guint first_statement = run->statements->len;

  text = decode_body (copy, &len);
  *chars = len;
  *paragraphs = 1;
  for (glong i = 0; i < len; i++)
    if (text[i] == '\n')
      (*paragraphs)++;

  run->text = text;
  run->len = len;
  run->last_speaker_end = 0;
  run->folded = g_new (gunichar, len + 1);
  for (glong i = 0; i < len; i++)
    {
      gunichar c = text[i];

      if (c < 0x80)
        run->folded[i] = c == '\t' ? ' ' : ((c >= 'A' && c <= 'Z') ? c + 32 : c);
      else if (c == 0x00A0 || c == 0x202F || c == 0x2009)
        run->folded[i] = ' ';
      else
        run->folded[i] = tp_fold_char (c);
    }
  run->folded[len] = 0;

  run->quotes = tp_scan_quotes (text, len);
  run->top = g_array_new (FALSE, FALSE, sizeof (TpQuote));
  for (guint i = 0; i < run->quotes->len; i++)
    if (g_array_index (run->quotes, TpQuote, i).depth == 0)
      g_array_append_val (run->top, g_array_index (run->quotes, TpQuote, i));
  run->claimed = g_new0 (gboolean, run->top->len + 1);
  run->sentences = tp_split_sentences (text, len, run->top);
  for (guint i = 0; i < run->sentences->len; i++)
    g_array_index (run->sentences, TpSpan, i).paragraph += paragraph_base;
  run->mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_array_set_clear_func (run->mentions, clear_mention);
  run->hits = g_array_new (FALSE, FALSE, sizeof (PhraseHit));
  run->hit_payloads = g_array_new (FALSE, FALSE, sizeof (guint));
  find_phrases (run);
  scan_mentions (run);
  run->cues = g_array_new (FALSE, FALSE, sizeof (Cue));
  scan_cues (run);

  for (guint si = 0; si < run->sentences->len; si++)
    {
      const TpSpan *s = &g_array_index (run->sentences, TpSpan, si);

      cue_cursor = first_cue_at (run, s->start);
      analyse_sentence (run, si, &cue_cursor, &sentence_speaker, &have_sentence_speaker);
      run->have_prev_sentence_speaker = have_sentence_speaker;
      if (have_sentence_speaker)
        {
          speaker_copy (&run->prev_sentence_speaker, &sentence_speaker);
          run->prev_sentence_paragraph = s->paragraph;
        }
    }

  /* Offsets so far are into the segment. */
  for (guint i = first_statement; i < run->statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (run->statements, i);

      st->start += char_base;
      st->end += char_base;
    }

  speaker_clear (&sentence_speaker);
  g_clear_pointer (&run->folded, g_free);
  g_clear_pointer (&run->claimed, g_free);
  g_clear_pointer (&run->quotes, g_array_unref);
  g_clear_pointer (&run->top, g_array_unref);
  g_clear_pointer (&run->sentences, g_array_unref);
  g_clear_pointer (&run->mentions, g_array_unref);
  g_clear_pointer (&run->cues, g_array_unref);
  g_clear_pointer (&run->hits, g_array_unref);
  g_clear_pointer (&run->hit_payloads, g_array_unref);
  run->text = NULL;
  run->len = 0;
}

/**
 * tp_extractor_run:
 * @self: a #TpExtractor
 * @article: the article; its body is analysed, its captions never are
 *
 * Returns: (transfer full) (element-type TpStatement): the statements found,
 *   sorted by start
 */
GPtrArray *
tp_extractor_run (TpExtractor *self,
                  TpArticle   *article)
{
  Run run = { 0 };
  const char *p;
  const char *end;
  gsize char_base = 0;
  guint paragraph_base = 0;

  g_return_val_if_fail (TP_IS_EXTRACTOR (self), NULL);
  g_return_val_if_fail (article != NULL, NULL);

  run.statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  if (article->body == NULL || *article->body == '\0')
    return run.statements;
  if (!g_utf8_validate (article->body, -1, NULL))
    {
      /* Ingest hands over valid UTF-8 only; anything else is a caller bug. */
      g_debug ("Article body is not valid UTF-8; nothing extracted");
      return run.statements;
    }

  run.self = self;
  run.article = article;
  run.language = language_of (article->language);
  run.surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  p = article->body;
  end = p + strlen (p);
  while (p < end)
    {
      const char *next = segment_end (p, end);
      glong chars = 0;
      guint paragraphs = 0;

      analyse_segment (&run, p, next - p, char_base, paragraph_base, &chars, &paragraphs);
      char_base += chars;
      paragraph_base += paragraphs - (next < end && next[-1] == '\n' ? 1 : 0);
      p = next;
    }

  g_ptr_array_sort (run.statements, compare_statements);

  speaker_clear (&run.last_speaker);
  speaker_clear (&run.prev_sentence_speaker);
  g_hash_table_unref (run.surnames);
  return run.statements;
}
