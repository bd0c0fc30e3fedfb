# The offline demo console (npm run demo). Not shown in Telegram: these are the console's own lines.
demo-banner =
    ═══ IT report bot — offline demo ═══
    No Telegram and no database server: the sample data ({ $orgProvinceEn }) lives in a temporary folder, deleted on exit.
    Type a message or a bot command (/start, /help) to send it as the current persona. Console commands start with ":":
      :as <persona>  switch (admin, coordinator, leader, head, guest, SO-TC…)   :personas  list personas
      :press <n>  press a button   :file | :photo <path>  send a file | photo   :clock +3d  move the clock   :help   :quit
demo-help =
    Console commands (every other line is sent to the bot as a message from the current persona):
      :as <persona>         switch persona: admin, coordinator, leader, head, guest, reporter <CODE>, or an agency code (SO-TC)
      :personas             list the personas and their short names
      :press <n | text>     press the n-th button (or the one whose text starts so) of the latest message with buttons
      :file <path>          send a file as the current persona
      :photo <path>         send a photo as the current persona
      :open [link]          open an invitation link t.me/…?start=… (empty: the latest invitation link the bot sent)
      :clock                show the simulated time
      :clock +3d | +2h | +30m | 2026-12-16 08:00    move the clock, then run the background jobs
      ::text                send a message that starts with ":"
      # note                a comment line in a script, not sent
      :quit                 exit
    Photos and files the bot sends are saved in { $outDir }
demo-acting-as = Acting as { $key }: { $persona }
demo-personas-header = Personas (type :as <short name>):
demo-role-admin = system administrator
demo-role-coordinator = coordinator, { $agency }
demo-role-leader = leader, { $orgReportsToEn }, sees the whole province
demo-role-head = head of { $agency }
demo-role-reporter = agency IT lead, { $agency }
demo-role-guest = no access yet (try /start or :open <invitation link>)
demo-persona-unknown = There is no persona "{ $query }". Type :personas for the list.
demo-persona-ambiguous = "{ $query }" matches several personas: { $keys }. Be more specific.
demo-clock-now = Simulated time: { $time } ({ $zone })
demo-clock-moved = Simulated clock moved to: { $time } ({ $zone })
demo-clock-back = Note: the clock went back in time; background jobs only do what is due at this moment.
demo-clock-bad = Cannot read that time. Examples: :clock +3d, :clock +2h, :clock +30m, :clock 2026-12-16 08:00
demo-unknown-command = There is no console command :{ $command }. Type :help for the commands.
demo-missing-argument = The command :{ $command } needs an argument. Type :help for examples.
demo-bad-press = Buttons are numbered from 1, e.g. :press 1.
demo-press-none = No message with buttons is showing for { $recipient }.
demo-press-no-button = There is no button "{ $target }". The buttons are: { $buttons }
demo-press-pressing = (pressing "{ $text }")
demo-press-url = This button opens a link: { $url }
demo-file-missing = Cannot read the file: { $path }
demo-open-none = The bot has not sent an invitation link yet. Paste one: :open https://t.me/…?start=…
demo-open-bad = This is not an invitation link to this bot: { $link }
demo-open-sending = (opening { $link } → sends "{ $text }")
demo-update-failed = The bot failed on this update: { $error }
demo-job-failed = Background job "{ $job }" failed: { $error }
demo-seed-failed = Demo data "{ $name }" failed and was skipped: { $error }
demo-bye = Goodbye! The temporary folder with the demo data has been deleted.
demo-chat-unknown = chat { $id }
demo-msg-to = ◀ Bot → { $recipient }
demo-msg-edit = ◀ Bot edited message #{ $id } of { $recipient }
demo-msg-buttons-edit = ◀ Bot changed the buttons of message #{ $id } ({ $recipient })
demo-msg-buttons-removed = (buttons removed)
demo-msg-deleted = ◀ Bot deleted message #{ $id } of { $recipient }
demo-msg-popup = ◀ Bot shows a notification to { $recipient }: { $text }
demo-msg-alert = ◀ Bot shows an alert to { $recipient }: { $text }
demo-msg-photo = (photo) saved: { $path }
demo-msg-document = (file) saved: { $path }
demo-msg-file-unknown = ({ $kind }) { $ref } — no content to save
demo-msg-copy = (copy of message #{ $id } from { $from })
demo-msg-other = ◀ Bot called { $method } → { $recipient }
demo-starting = Starting the demo: loading the bot's code and preparing the embedded database with the demo data (slower on the first run of the day)…
