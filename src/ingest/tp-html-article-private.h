/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tp-article.h"

G_BEGIN_DECLS

gboolean  _tp_html_looks_like_html   (const char   *data,
                                      gsize         len);
gboolean  _tp_html_article_parse     (TpArticle    *article,
                                      const char   *text,
                                      gsize         len,
                                      const char   *url,
                                      GError      **error);

G_END_DECLS
