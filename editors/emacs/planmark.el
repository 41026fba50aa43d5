;;; planmark.el --- planmark for Emacs 28 and later, with Eglot and markdown-mode  -*- lexical-binding: t -*-

;; Install the server:  npm install -g planmark-language-server
;; Then load this file from your init file, or copy its forms there.
;; Tested in batch in `npm test' (scripts/otherEditorTests.mjs) with Debian's Emacs 28.2,
;; elpa-eglot 1.9 and elpa-markdown-mode 2.5.

(require 'eglot)

(add-to-list 'eglot-server-programs
             '((markdown-mode gfm-mode) . ("planmark-language-server" "--stdio")))

;; Settings, as in VS Code without the "planmark." prefix; sent as initializationOptions and as
;; the answer to workspace/configuration.
(setq-default eglot-workspace-configuration
              '(:planmark (:diagnostics (:broken-link "warning"))))

(add-hook 'markdown-mode-hook #'eglot-ensure)

;; Eglot shows no code lenses: hover (C-h .) on a heading shows its progress and next open task,
;; and M-x eglot-execute-command is not needed.

(provide 'planmark)
;;; planmark.el ends here
