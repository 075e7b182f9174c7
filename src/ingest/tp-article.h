/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TP_ORIGIN_FILE,
  TP_ORIGIN_URL,
  TP_ORIGIN_FEED,
  TP_ORIGIN_PASTE,
} TpOrigin;

/**
 * TpArticle:
 *
 * One article as ingested: a plain record, reference counted, with public
 * fields. All strings are NFC-normalised UTF-8 or %NULL.
 *
 * @body holds the text that is analysed: paragraphs separated by a single
 * "\n". Statement offsets are character (not byte) offsets into @body.
 * @captions holds photo captions and credits, kept but never analysed.
 */
typedef struct _TpArticle TpArticle;

struct _TpArticle
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  gint64     id;            /* 0 until stored */
  char      *url;           /* canonical URL or NULL */
  char      *source_path;   /* file the article came from, or NULL */
  char      *content_hash;  /* hex SHA-256 of the normalised body */
  char      *outlet;
  char      *title;
  char      *author;
  char      *language;      /* ISO 639-1: "vi", "en", "ru", "uk", or NULL */
  char      *published;     /* ISO 8601 date or date-time, or NULL */
  char      *imported;      /* ISO 8601 date-time, set by the store */
  TpOrigin   origin;
  char      *body;
  GPtrArray *captions;      /* (element-type utf8) */
};

#define TP_TYPE_ARTICLE (tp_article_get_type ())

GType       tp_article_get_type          (void) G_GNUC_CONST;
TpArticle  *tp_article_new               (void);
TpArticle  *tp_article_ref               (TpArticle  *self);
void        tp_article_unref             (TpArticle  *self);
void        tp_article_set_body          (TpArticle  *self,
                                          const char *body);
void        tp_article_add_caption       (TpArticle  *self,
                                          const char *caption);
const char *tp_origin_to_string          (TpOrigin    origin);
TpOrigin    tp_origin_from_string        (const char *str);
char       *tp_article_compute_hash      (const char *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpArticle, tp_article_unref)

G_END_DECLS
