import { forwardRef, type ButtonHTMLAttributes } from 'react'

const variants = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 border-transparent',
  secondary: 'bg-white text-stone-900 hover:bg-stone-100 border-stone-300',
  danger: 'bg-white text-red-800 hover:bg-red-50 border-red-300',
  link: 'bg-transparent text-blue-800 underline border-transparent px-0',
} as const

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }

export function buttonClass(variant: keyof typeof variants = 'primary', extra = '') {
  return `inline-flex items-center justify-center gap-2 rounded-md border px-4 py-2 text-sm font-medium no-underline hover:no-underline disabled:opacity-60 min-h-10 ${variants[variant]} ${extra}`
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'primary', className = '', type = 'button', ...props }, ref) {
  return <button ref={ref} type={type} className={buttonClass(variant, className)} {...props} />
})
