import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { clearSessionCookieHeader, getAuth, invalidateSession } from '~/features/directory/index.server'
import { redirectWithToast } from '~/core/toast.server'

export async function loader() {
  return redirect('/')
}

/** Sign-out deletes the session row, not only the cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const auth = getAuth(request)
  if (auth) invalidateSession({ sessionId: auth.session.id })
  return redirectWithToast('/login', { key: 'login.signedOut', type: 'info' }, [['Set-Cookie', clearSessionCookieHeader(request)]])
}
