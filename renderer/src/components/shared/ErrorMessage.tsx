// An error said in plain words, announced to screen readers; renders nothing when there is none.
interface ErrorMessageProps {
  message: string | null
  id?: string
}

export function ErrorMessage({ message, id }: ErrorMessageProps) {
  return (
    <p id={id} className="error-message" role="alert" hidden={!message}>
      {message}
    </p>
  )
}
