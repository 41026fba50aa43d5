;;; emacs.el --- drives Emacs (batch) with editors/emacs/planmark.el loaded, as a user would  -*- lexical-binding: t -*-

;; Writes what it saw to the JSON file named by $PLANMARK_RESULT; scripts/otherEditorTests.mjs checks it.

(require 'json)
;; A normal start activates installed packages (markdown-mode's autoloads); batch mode does not.
(require 'package)
(package-initialize)
(load (expand-file-name "editors/emacs/planmark.el" (getenv "PLANMARK_REPOSITORY")))
;; The user's own settings, as the README shows them.
(setq-default eglot-workspace-configuration '(:planmark (:diagnostics (:placeholder "hint"))))

(defvar planmark-result nil)
(defun planmark-note (key value) (push (cons key value) planmark-result))
(defun planmark-wait (condition &optional seconds)
  (let ((deadline (+ (float-time) (or seconds 15))))
    (while (and (not (funcall condition)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall condition)))

(defun planmark-open (file)
  (find-file file)
  ;; Eglot connects from post-command-hook, which batch mode never runs on its own.
  (run-hooks 'post-command-hook)
  (planmark-wait (lambda () (eglot-current-server))))

(defun planmark-request (method params)
  (jsonrpc-request (eglot-current-server) method params))

(defun planmark-diagnostics ()
  (flymake-start)
  (accept-process-output nil 0.2)
  (flymake-diagnostics (point-min) (point-max)))

(condition-case failure
    (let* ((workspace (getenv "PLANMARK_WORKSPACE"))
           (plan (expand-file-name "specs/042-offline-sync/plan.md" workspace)))
      (planmark-note 'attached (and (planmark-open plan) t))
      (planmark-note 'mode (symbol-name major-mode))
      (planmark-wait (lambda () (planmark-diagnostics)))
      (planmark-note 'diagnostics
                     (vconcat (mapcar (lambda (d)
                                        (let ((lsp (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))))
                                          (list (cons 'line (1- (line-number-at-pos (flymake-diagnostic-beg d))))
                                                (cons 'col (save-excursion (goto-char (flymake-diagnostic-beg d)) (current-column)))
                                                (cons 'code (plist-get lsp :code))
                                                (cons 'severity (plist-get lsp :severity)))))
                                      (planmark-diagnostics))))
      (let ((symbols (planmark-request :textDocument/documentSymbol
                                       (list :textDocument (eglot--TextDocumentIdentifier)))))
        (planmark-note 'symbols (vconcat (mapcar (lambda (symbol) (plist-get symbol :name)) symbols))))
      (let ((hover (planmark-request :textDocument/hover
                                     (list :textDocument (eglot--TextDocumentIdentifier)
                                           :position (list :line 0 :character 2)))))
        (planmark-note 'hover (plist-get (plist-get hover :contents) :value)))
      ;; The quick fix of the unresolved gate status, applied as Eglot applies edits.
      (goto-char (point-min))
      (search-forward "PASS / FAIL / CONDITIONAL")
      (let* ((here (flymake-diagnostics (line-beginning-position) (line-end-position)))
             (lsp (mapcar (lambda (d) (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))) here))
             (actions (planmark-request :textDocument/codeAction
                                        (list :textDocument (eglot--TextDocumentIdentifier)
                                              :range (list :start (eglot--pos-to-lsp-position (line-beginning-position))
                                                           :end (eglot--pos-to-lsp-position (line-beginning-position)))
                                              :context (list :diagnostics (vconcat lsp))))))
        (planmark-note 'actions (vconcat (mapcar (lambda (action) (plist-get action :title)) actions)))
        (when (and (> (length actions) 0) (plist-get (aref actions 0) :edit))
          (eglot--apply-workspace-edit (plist-get (aref actions 0) :edit)))
        (planmark-note 'statusLine (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
      ;; Completion after Research Task 2: the next block, as plain text without yasnippet.
      (goto-char (point-min))
      (re-search-forward "^### 3\\.2 ")
      (beginning-of-line)
      (insert "\n\n")
      (forward-line -2)
      (let* ((answer (planmark-request :textDocument/completion
                                       (list :textDocument (eglot--TextDocumentIdentifier)
                                             :position (eglot--pos-to-lsp-position (point)))))
             (items (if (vectorp answer) answer (plist-get answer :items)))
             (first (and (> (length items) 0) (aref items 0))))
        (planmark-note 'completions (length items))
        (planmark-note 'completionFormat (and first (plist-get first :insertTextFormat)))
        (planmark-note 'completionText (and first (plist-get (plist-get first :textEdit) :newText))))
      ;; A README is left alone.
      (planmark-open (expand-file-name "README.md" workspace))
      (accept-process-output nil 1.5)
      (planmark-note 'readmeDiagnostics (length (planmark-diagnostics)))
      (planmark-note 'readmeSymbols (length (planmark-request :textDocument/documentSymbol
                                                             (list :textDocument (eglot--TextDocumentIdentifier))))))
  (error (planmark-note 'error (format "%S" failure))))

(planmark-note 'messages (with-current-buffer "*Messages*" (buffer-string)))
(with-temp-file (getenv "PLANMARK_RESULT")
  (insert (json-encode planmark-result)))
(kill-emacs 0)
