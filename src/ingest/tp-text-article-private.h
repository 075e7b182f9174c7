/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tp-article.h"

G_BEGIN_DECLS

/* Plain-text articles; the helpers below are shared with the HTML reader,
 * whose paragraphs carry the same captions, credits and outlet prefixes. */

gboolean  _tp_text_article_parse          (TpArticle   *article,
                                           const char  *text,
                                           gsize        len,
                                           GError     **error);
char     *_tp_text_clean_line             (const char  *line,
                                           gssize       len);
gboolean  _tp_text_is_caption_line        (const char  *line);
char     *_tp_text_split_caption          (const char  *line,
                                           GPtrArray   *captions);
const char *_tp_text_strip_outlet_prefix  (const char  *line,
                                           char       **outlet);
gboolean  _tp_text_strip_outlet_suffix    (char        *line,
                                           char       **outlet);
char     *_tp_text_parse_byline           (const char  *line);
char     *_tp_text_parse_date_line        (const char  *line);
gboolean  _tp_text_reads_as_headline      (const char  *line);
void      _tp_article_finish              (TpArticle   *article,
                                           GPtrArray   *paragraphs);
void      _tp_article_take_body           (TpArticle   *article,
                                           GString     *body);

G_END_DECLS
