# /start and invitations.
cmd-start = Start, see your roles
onboarding-welcome =
    Hello { $name }!
    Your roles:
    { $roles }

    Send /help to see the commands you can use.
onboarding-joined = Welcome! You have been given the role: { $role }.
onboarding-code-unknown = This invitation code is not valid. Please check the link or the code { $orgCoordinatorEn } sent you.
onboarding-already-joined = You have already joined with this invitation; you do not need a new code.
onboarding-code-used = This invitation code has already been used. Each code works only once; please ask for a new one.
onboarding-code-expired = This invitation code has expired. Please ask for a new one.
onboarding-code-blocked = Too many wrong invitation codes. Please try again after { $time }.
onboarding-role-admin = Administrator
onboarding-role-coordinator = Coordinator ({ $orgCoordinatorEn })
onboarding-role-leader-province = Province leader
onboarding-role-leader-agency = Agency head
onboarding-role-reporter = Agency IT lead
onboarding-role-in-agency = { $role } — { $agency } ({ $code })
