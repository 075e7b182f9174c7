/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The lexicon: sides, actors (with aliases and dated role aliases),
 * topics (with labels and keywords) and speech cues. The default one is
 * compiled into the core from data/lexicon/; the store keeps an editable
 * copy and builds a TpLexicon back from its tables with tp_lexicon_new()
 * and the tp_lexicon_add_*() functions.
 *
 * Every record below is owned by the lexicon; the getters return arrays the
 * caller must not modify or free. A @language of %NULL means "any language".
 * Dates are ISO 8601 calendar dates ("2025-01-20") or %NULL for "open". */

#define TP_LEXICON_ERROR (tp_lexicon_error_quark ())

typedef enum
{
  TP_LEXICON_ERROR_RESOURCE,    /* a lexicon file is missing from the resources */
  TP_LEXICON_ERROR_PARSE,       /* a lexicon file is not a valid key file */
  TP_LEXICON_ERROR_INVALID,     /* an entry refers to an unknown side, actor or topic */
} TpLexiconError;

typedef enum
{
  TP_ACTOR_PERSON,
  TP_ACTOR_INSTITUTION,
  TP_ACTOR_COUNTRY,
} TpActorKind;

/* Whether "he" / "ông" or "she" / "bà" may name a person. */
typedef enum
{
  TP_GENDER_UNKNOWN,
  TP_GENDER_MALE,
  TP_GENDER_FEMALE,
} TpGender;

typedef enum
{
  TP_CUE_VERB,      /* a speech verb: "cho biết", "said", "заявил" */
  TP_CUE_SOURCE,    /* a source frame followed by the speaker: "theo", "according to" */
  TP_CUE_FRAME,     /* a speech noun or frame: "trong tuyên bố", "in a statement" */
  TP_CUE_NOT,       /* a phrase that starts like a cue but is none: "nói chuyện" */
} TpCueType;

typedef struct
{
  char *key;        /* "moscow" */
  char *name;       /* "Moscow" */
  char *color;      /* "#c0392b", or NULL */
  int   order;
} TpLexiconSide;

typedef struct
{
  char        *key;   /* "peskov" */
  char        *name;  /* display name: "Dmitry Peskov" */
  char        *side;  /* side key, or NULL for actors outside the sides (NATO, UN, experts) */
  TpActorKind  kind;
  char        *role;  /* short description ("Kremlin spokesman"), or NULL */
  TpGender     gender;
} TpLexiconActor;

typedef struct
{
  char     *actor;        /* actor key */
  char     *language;     /* or NULL */
  char     *text;         /* "Peskov", "Điện Kremlin", "Tổng thống Mỹ" */
  gboolean  role;         /* a role alias: names whoever holds the role */
  char     *valid_from;   /* first day the role alias names this actor, or NULL */
  char     *valid_until;  /* first day it no longer does, or NULL */
} TpLexiconAlias;

typedef struct
{
  char *key;        /* "negotiations" */
  char *name;       /* English label */
} TpLexiconTopic;

typedef struct
{
  char *topic;      /* topic key */
  char *language;   /* or NULL */
  char *text;
} TpLexiconTerm;

typedef struct
{
  char      *language;  /* or NULL */
  char      *text;      /* "cho biết", "said" */
  TpCueType  type;
} TpLexiconCue;

#define TP_TYPE_LEXICON (tp_lexicon_get_type ())

G_DECLARE_FINAL_TYPE (TpLexicon, tp_lexicon, TP, LEXICON, GObject)

GQuark      tp_lexicon_error_quark       (void);

TpLexicon  *tp_lexicon_new               (void);
TpLexicon  *tp_lexicon_new_default       (GError     **error);

/* Building (the store uses these to rebuild a lexicon from its tables).
 * Adding a side, actor or topic whose key exists replaces its fields. */
void        tp_lexicon_add_side          (TpLexicon   *self,
                                          const char  *key,
                                          const char  *name,
                                          const char  *color,
                                          int          order);
void        tp_lexicon_add_actor         (TpLexicon   *self,
                                          const char  *key,
                                          const char  *name,
                                          const char  *side,
                                          TpActorKind  kind,
                                          const char  *role);
void        tp_lexicon_set_actor_gender  (TpLexicon   *self,
                                          const char  *key,
                                          TpGender     gender);
gboolean    tp_lexicon_add_actor_alias   (TpLexicon   *self,
                                          const char  *actor,
                                          const char  *language,
                                          const char  *alias);
gboolean    tp_lexicon_add_role_alias    (TpLexicon   *self,
                                          const char  *actor,
                                          const char  *language,
                                          const char  *alias,
                                          const char  *valid_from,
                                          const char  *valid_until);
void        tp_lexicon_add_topic         (TpLexicon   *self,
                                          const char  *key,
                                          const char  *name);
gboolean    tp_lexicon_add_topic_label   (TpLexicon   *self,
                                          const char  *topic,
                                          const char  *language,
                                          const char  *label);
gboolean    tp_lexicon_add_topic_keyword (TpLexicon   *self,
                                          const char  *topic,
                                          const char  *language,
                                          const char  *keyword);
void        tp_lexicon_add_cue           (TpLexicon   *self,
                                          const char  *language,
                                          const char  *cue,
                                          TpCueType    type);

/* Reading: (transfer none) arrays in insertion order. */
GPtrArray  *tp_lexicon_get_sides          (TpLexicon  *self);  /* TpLexiconSide */
GPtrArray  *tp_lexicon_get_actors         (TpLexicon  *self);  /* TpLexiconActor */
GPtrArray  *tp_lexicon_get_aliases        (TpLexicon  *self);  /* TpLexiconAlias, plain and role */
GPtrArray  *tp_lexicon_get_topics         (TpLexicon  *self);  /* TpLexiconTopic */
GPtrArray  *tp_lexicon_get_topic_labels   (TpLexicon  *self);  /* TpLexiconTerm */
GPtrArray  *tp_lexicon_get_topic_keywords (TpLexicon  *self);  /* TpLexiconTerm */
GPtrArray  *tp_lexicon_get_cues           (TpLexicon  *self);  /* TpLexiconCue */

const TpLexiconSide  *tp_lexicon_lookup_side  (TpLexicon  *self,
                                               const char *key);
const TpLexiconActor *tp_lexicon_lookup_actor (TpLexicon  *self,
                                               const char *key);
const TpLexiconTopic *tp_lexicon_lookup_topic (TpLexicon  *self,
                                               const char *key);

/* Which actor @alias names on @date (ISO date or NULL for "today"): plain
 * aliases first, then role aliases valid on that date. Folded comparison. */
const TpLexiconActor *tp_lexicon_resolve_alias (TpLexicon  *self,
                                                const char *alias,
                                                const char *date);

const char *tp_actor_kind_to_string      (TpActorKind  kind);
gboolean    tp_actor_kind_from_string    (const char  *str,
                                          TpActorKind *kind);
const char *tp_cue_type_to_string        (TpCueType    type);
gboolean    tp_cue_type_from_string      (const char  *str,
                                          TpCueType   *type);

G_END_DECLS
