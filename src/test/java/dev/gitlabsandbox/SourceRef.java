package dev.gitlabsandbox;

import java.util.Locale;

/**
 * A membership source: a project or a group, named by its type and numeric id.
 *
 * @param type project or group
 * @param id the project or group id
 * @author Token Portal team
 */
public record SourceRef(Type type, long id) {

	public static SourceRef project(long id) {
		return new SourceRef(Type.PROJECT, id);
	}

	public static SourceRef group(long id) {
		return new SourceRef(Type.GROUP, id);
	}

	public boolean isProject() {
		return this.type == Type.PROJECT;
	}

	/**
	 * The kind of membership source.
	 */
	public enum Type {

		PROJECT, GROUP;

		/**
		 * The lowercase name GitLab interpolates into messages ("project", "group").
		 * @return the label
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
