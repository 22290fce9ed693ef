import { type ReactNode, useId } from 'react';

interface FilePickerProps {
  /** The visible label, which is also the input's accessible name. */
  label: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /** The picked files (never none). */
  onFiles: (files: File[]) => void;
  /** Shown under the input, e.g. a hint. */
  children?: ReactNode;
}

/** A labelled file input. It forgets its selection once read, so picking the same files again loads them again. */
export function FilePicker({ label, accept, multiple = true, disabled, onFiles, children }: FilePickerProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        multiple={multiple}
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      {children}
    </div>
  );
}
