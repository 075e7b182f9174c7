/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *_tp_language_detect (const char *text,
                                 gssize      len);

G_END_DECLS
