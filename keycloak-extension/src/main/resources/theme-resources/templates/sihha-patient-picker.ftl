<#-- The SMART standalone launch's patient picker (LaunchContextAuthenticator): one submit button per patient. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayInfo=false; section>
    <#if section = "header">
        Choose the patient
    <#elseif section = "form">
        <form id="sihha-patient-picker" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#list patients as patient>
                <div class="${properties.kcFormGroupClass!}">
                    <button type="submit" name="patient" value="${patient}"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        Patient/${patient}
                    </button>
                </div>
            </#list>
        </form>
    </#if>
</@layout.registrationLayout>
