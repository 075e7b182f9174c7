/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean _tp_json_parser_load_one (JsonParser  *parser,
                                   const char  *text,
                                   gssize       length,
                                   gboolean     first_only,
                                   GError     **error);

G_END_DECLS
