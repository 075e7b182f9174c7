/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <stddef.h>
#include <stdint.h>

#include "tp-article.h"

G_BEGIN_DECLS

/* Shared by the libFuzzer targets (fuzz-common.c): the entry points
 * libFuzzer calls, and the checks every target makes on what it gets. */

int   LLVMFuzzerInitialize   (int            *argc,
                              char         ***argv);
int   LLVMFuzzerTestOneInput (const uint8_t  *data,
                              size_t          size);

/* Called once before the first input; a target that needs state (a
 * lexicon, a library) defines it. */
void  fuzz_target_init       (void);

/* @data as a NUL-terminated, valid UTF-8 string, as the UI and the CLI
 * would hand text to the core. */
char *fuzz_make_text         (const uint8_t  *data,
                              size_t          size);

/* An article loaded from untrusted bytes is either a sound article or an
 * error of @domain, never both and never neither. */
void  fuzz_check_article     (TpArticle      *article,
                              const GError   *error,
                              GQuark          domain);

G_END_DECLS
