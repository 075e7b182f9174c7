/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TP_STATEMENT_DIRECT,
  TP_STATEMENT_INDIRECT,
  TP_STATEMENT_MIXED,
} TpStatementKind;

typedef enum
{
  TP_REVIEW_AUTO,
  TP_REVIEW_CONFIRMED,
  TP_REVIEW_EDITED,
  TP_REVIEW_REJECTED,
} TpReviewStatus;

/**
 * TpStatement:
 *
 * One statement found in (or added by hand to) an article. A plain record,
 * reference counted, with public fields. @start and @end are character
 * offsets into the article body; @text is exactly that span (or, for a
 * reported statement, the reported clause within it).
 */
typedef struct _TpStatement TpStatement;

struct _TpStatement
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  gint64           id;          /* 0 until stored */
  gint64           article_id;  /* 0 until stored */
  TpStatementKind  kind;
  char            *text;
  gint64           start;       /* character offset into the body */
  gint64           end;         /* character offset, exclusive */
  char            *speaker;     /* as written in the article, or NULL */
  char            *actor_key;   /* registry key ("peskov"), or NULL */
  char            *actor;       /* actor's display name, or NULL */
  char            *side;        /* side key ("moscow"), or NULL */
  GPtrArray       *topics;      /* (element-type utf8) topic keys */
  char            *cue;         /* "cho biết", "said", or NULL */
  char            *said_on;     /* ISO date, or NULL */
  double           confidence;  /* 0..1 */
  TpReviewStatus   review;
  gboolean         manual;      /* added by hand: never replaced by re-analysis */
};

#define TP_TYPE_STATEMENT (tp_statement_get_type ())

GType            tp_statement_get_type      (void) G_GNUC_CONST;
TpStatement     *tp_statement_new           (void);
TpStatement     *tp_statement_ref           (TpStatement    *self);
void             tp_statement_unref         (TpStatement    *self);
void             tp_statement_add_topic     (TpStatement    *self,
                                             const char     *topic);
gboolean         tp_statement_has_topic     (TpStatement    *self,
                                             const char     *topic);

const char      *tp_statement_kind_to_string   (TpStatementKind  kind);
gboolean         tp_statement_kind_from_string (const char      *str,
                                                TpStatementKind *kind);
const char      *tp_review_status_to_string    (TpReviewStatus   status);
gboolean         tp_review_status_from_string  (const char      *str,
                                                TpReviewStatus  *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpStatement, tp_statement_unref)

G_END_DECLS
