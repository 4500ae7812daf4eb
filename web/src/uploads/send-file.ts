// A file sent with its upload progress (issue 13): fetch reports no upload progress, so the
// contact upload goes by XMLHttpRequest, with the session cookie and the CSRF token as `client`
// sends them, and its answer (or the API's error body) parsed as `client` does.
import { ApiFailure, csrfToken, type ErrorDetail } from '../api.ts'

export function sendFile<T>(
  method: 'PUT' | 'POST',
  url: string,
  file: Blob,
  contentType: string,
  onProgress: (sentBytes: number, totalBytes: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    xhr.withCredentials = true
    xhr.setRequestHeader('content-type', contentType)
    const csrf = csrfToken()
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf)
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size)
    xhr.upload.onload = () => onProgress(file.size, file.size)
    xhr.onerror = () => reject(new ApiFailure(0, `${method} ${url}: the connection failed`))
    xhr.onload = () => {
      let parsed: unknown
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        parsed = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T)
      const error = parsed as { message?: string; details?: ErrorDetail[] } | undefined
      reject(
        new ApiFailure(
          xhr.status,
          error?.message ?? `${xhr.status} ${method} ${url}`,
          error?.details ?? [],
        ),
      )
    }
    xhr.send(file)
  })
}
