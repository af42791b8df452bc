import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { clearSessionCookieHeader, getAuth } from '~/auth.server'
import { invalidateSession } from '~/models/sessions.server'
import { redirectWithToast } from '~/toast.server'

export async function loader() {
  return redirect('/')
}

/** Sign-out deletes the session row, not only the cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const auth = getAuth(request)
  if (auth) invalidateSession(auth.session.id)
  return redirectWithToast('/login', { key: 'login.signedOut', type: 'info' }, [['Set-Cookie', clearSessionCookieHeader(request)]])
}
